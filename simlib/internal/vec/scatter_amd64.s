//go:build amd64 && !purego

#include "textflag.h"

#include "scatter_amd64.h"

// func scatterRowsAsm(slot []float64, tgt []int32, wt *float64, index []uint32, stride int, spikes []int32, w0 float64) (done, bad int)
//
// SI slot, R8 len(slot), DI tgt, R9 wt (0: w0 in X0), R10 index, R12
// stride, R13 spikes, BX len(spikes), R11 the spike s being added; CX and
// DX its row's synapses [a, b).
TEXT ·scatterRowsAsm(SB), NOSPLIT, $0-136
	MOVQ  slot_base+0(FP), SI
	MOVQ  slot_len+8(FP), R8
	MOVQ  tgt_base+24(FP), DI
	MOVQ  wt+48(FP), R9
	MOVQ  index_base+56(FP), R10
	MOVQ  stride+80(FP), R12
	MOVQ  spikes_base+88(FP), R13
	MOVQ  spikes_len+96(FP), BX
	MOVSD w0+112(FP), X0

	// prologue: the rows of the first ROWAHEAD spikes and the index
	// entries of the next ones up to IDXAHEAD, which the loop's fetches
	// ahead (from spike ROWAHEAD and IDXAHEAD on) do not cover: calls
	// with a few spikes (small networks) gain most
	XORQ R11, R11

pro:
	CMPQ  R11, BX
	JGE   spikes
	CMPQ  R11, $IDXAHEAD
	JGE   spikes
	MOVL  (R13)(R11*4), AX
	IMULQ R12, AX
	CMPQ  R11, $ROWAHEAD
	JGE   proidx
	CMPQ  AX, index_len+64(FP)
	JAE   pronext
	MOVL  (R10)(AX*4), CX
	LEAQ  (DI)(CX*4), DX
	PREFETCH4(DX)
	TESTQ R9, R9
	JZ    pronext
	LEAQ  (R9)(CX*8), DX
	PREFETCH4(DX)
	JMP   pronext

proidx:
	PREFETCHT0 (R10)(AX*4)

pronext:
	INCQ R11
	JMP  pro

spikes:
	XORQ R11, R11

spike:
	CMPQ R11, BX
	JGE  ok

	// the index entry of spike s+IDXAHEAD
	LEAQ       IDXAHEAD(R11), AX
	CMPQ       AX, BX
	JGE        rowahead
	MOVL       (R13)(AX*4), AX
	IMULQ      R12, AX
	PREFETCHT0 (R10)(AX*4)

rowahead:
	// the row of spike s+ROWAHEAD, if its index entry is in range
	LEAQ  ROWAHEAD(R11), AX
	CMPQ  AX, BX
	JGE   cur
	MOVL  (R13)(AX*4), AX
	IMULQ R12, AX
	CMPQ  AX, index_len+64(FP)
	JAE   cur
	MOVL  (R10)(AX*4), CX
	// the first four lines of its targets from the first one's (a fixed
	// count: a loop's exit would be a mispredicted branch per spike;
	// lines past the row are harmless), and of its weights
	LEAQ       (DI)(CX*4), AX
	PREFETCH4(AX)
	TESTQ      R9, R9
	JZ         cur
	LEAQ       (R9)(CX*8), AX
	PREFETCH4(AX)

cur:
	MOVL  (R13)(R11*4), AX
	IMULQ R12, AX
	LEAQ  1(AX), CX
	CMPQ  CX, index_len+64(FP)
	JAE   badrow
	MOVL  (R10)(AX*4), CX
	MOVL  4(R10)(AX*4), DX
	CMPQ  CX, DX
	JA    badrow
	CMPQ  DX, tgt_len+32(FP)
	JA    badrow
	CMPQ  CX, DX
	JE    next
	TESTQ R9, R9
	JNZ   wrow

row:
	MOVLQSX (DI)(CX*4), AX
	CMPQ    AX, R8
	JAE     badtgt
	MOVSD   (SI)(AX*8), X1
	ADDSD   X0, X1
	MOVSD   X1, (SI)(AX*8)
	INCQ    CX
	CMPQ    CX, DX
	JB      row
	JMP     next

wrow:
	MOVLQSX (DI)(CX*4), AX
	CMPQ    AX, R8
	JAE     badtgt
	MOVSD   (SI)(AX*8), X1
	ADDSD   (R9)(CX*8), X1
	MOVSD   X1, (SI)(AX*8)
	INCQ    CX
	CMPQ    CX, DX
	JB      wrow

next:
	INCQ R11
	JMP  spike

ok:
	MOVQ R11, done+120(FP)
	MOVQ $0, bad+128(FP)
	RET

badrow:
	MOVQ R11, done+120(FP)
	MOVQ $-1, bad+128(FP)
	RET

badtgt:
	MOVQ R11, done+120(FP)
	MOVQ CX, bad+128(FP)
	RET
