//go:build amd64 && !purego

#include "textflag.h"
#include "scatter_amd64.h"

// The count-ring kernels (counts.go).

// PERM expands the eight counts at off8 bytes from the group's with the
// table's first sixteen entries in Z1, Z2 (VPERMI2PD reads the index's
// low four bits, which is all of a count below 16) to dst at off64.
#define PERM(off8, off64) \
	VPMOVZXBQ off8(SI)(AX*1), Z5 ; \
	VPERMI2PD Z2, Z1, Z5 ; \
	VMOVUPD   Z5, off64(DI)(AX*8)

// GATHER is PERM for a group with a count of 16 or more: the table
// entries are gathered from memory.
#define GATHER(off8, off64) \
	VPMOVZXBQ  off8(SI)(AX*1), Z5 ; \
	KXNORB     K2, K2, K2 ; \
	VPXORQ     Z6, Z6, Z6 ; \
	VGATHERQPD (DX)(Z5*8), K2, Z6 ; \
	VMOVUPD    Z6, off64(DI)(AX*8)

// func expandCountsAVX512(dst *float64, cnt *uint8, tab *CountTable, n int)
//
// DI dst, SI cnt, DX tab, CX n, AX the group's first count (64 at a
// time); Z1, Z2 tab[0:8], tab[8:16]; Z3 the bytes 0xf0 (a count of 16 or
// more has one of their bits); Z4 zero, stored over the counts.
TEXT ·expandCountsAVX512(SB), NOSPLIT, $0-32
	MOVQ         dst+0(FP), DI
	MOVQ         cnt+8(FP), SI
	MOVQ         tab+16(FP), DX
	MOVQ         n+24(FP), CX
	VMOVUPD      (DX), Z1
	VMOVUPD      64(DX), Z2
	MOVQ         $0xf0f0f0f0f0f0f0f0, AX
	VPBROADCASTQ AX, Z3
	VPXORQ       Z4, Z4, Z4
	XORQ         AX, AX

loop:
	VMOVDQU64 (SI)(AX*1), Z0
	VPTESTMQ  Z3, Z0, K1
	KORTESTB  K1, K1
	JNZ       wide
	PERM(0, 0)
	PERM(8, 64)
	PERM(16, 128)
	PERM(24, 192)
	PERM(32, 256)
	PERM(40, 320)
	PERM(48, 384)
	PERM(56, 448)
	JMP       next

wide:
	GATHER(0, 0)
	GATHER(8, 64)
	GATHER(16, 128)
	GATHER(24, 192)
	GATHER(32, 256)
	GATHER(40, 320)
	GATHER(48, 384)
	GATHER(56, 448)

next:
	VMOVDQU64 Z4, (SI)(AX*1)
	ADDQ      $64, AX
	CMPQ      AX, CX
	JB        loop
	VZEROUPPER
	RET

// func scatterCountsAsm(cnt []uint8, tgt []int32, index []uint32, stride int, spikes []int32) (done, bad int)
//
// scatterRowsAsm's loop with one count added per synapse instead of a
// weight: SI cnt, R8 len(cnt), DI tgt, R10 index, R12 stride, R13 spikes,
// BX len(spikes), R11 the spike s being added; CX and DX its row's
// synapses [a, b). A spike's row is fetched ahead (its first four lines)
// ROWAHEAD spikes before, its index entry IDXAHEAD before.
TEXT ·scatterCountsAsm(SB), NOSPLIT, $0-120
	MOVQ cnt_base+0(FP), SI
	MOVQ cnt_len+8(FP), R8
	MOVQ tgt_base+24(FP), DI
	MOVQ index_base+48(FP), R10
	MOVQ stride+72(FP), R12
	MOVQ spikes_base+80(FP), R13
	MOVQ spikes_len+88(FP), BX

	// prologue: the rows of the first ROWAHEAD spikes and the index
	// entries of the next ones up to IDXAHEAD
	XORQ R11, R11

pro:
	CMPQ       R11, BX
	JGE        spikes
	CMPQ       R11, $IDXAHEAD
	JGE        spikes
	MOVL       (R13)(R11*4), AX
	IMULQ      R12, AX
	CMPQ       R11, $ROWAHEAD
	JGE        proidx
	LEAQ       1(AX), CX
	CMPQ       CX, index_len+56(FP)
	JAE        pronext
	MOVL       (R10)(AX*4), CX
	MOVL       4(R10)(AX*4), AX
	LEAQ       (DI)(CX*4), DX
	LEAQ       (DI)(AX*4), AX
	PREFETCHSPAN(DX, AX, R9)
	JMP        pronext

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

	LEAQ       IDXAHEAD(R11), AX
	CMPQ       AX, BX
	JGE        rowahead
	MOVL       (R13)(AX*4), AX
	IMULQ      R12, AX
	PREFETCHT0 (R10)(AX*4)

rowahead:
	LEAQ       ROWAHEAD(R11), AX
	CMPQ       AX, BX
	JGE        cur
	MOVL       (R13)(AX*4), AX
	IMULQ      R12, AX
	LEAQ       1(AX), CX
	CMPQ       CX, index_len+56(FP)
	JAE        cur
	MOVL       (R10)(AX*4), CX
	MOVL       4(R10)(AX*4), DX
	LEAQ       (DI)(CX*4), AX
	LEAQ       (DI)(DX*4), DX
	PREFETCHSPAN(AX, DX, R9)

cur:
	MOVL  (R13)(R11*4), AX
	IMULQ R12, AX
	LEAQ  1(AX), CX
	CMPQ  CX, index_len+56(FP)
	JAE   badrow
	MOVL  (R10)(AX*4), CX
	MOVL  4(R10)(AX*4), DX
	CMPQ  CX, DX
	JA    badrow
	CMPQ  DX, tgt_len+32(FP)
	JA    badrow
	CMPQ  CX, DX
	JE    next

row:
	MOVLQSX (DI)(CX*4), AX
	CMPQ    AX, R8
	JAE     badtgt
	INCB    (SI)(AX*1)
	INCQ    CX
	CMPQ    CX, DX
	JB      row

next:
	INCQ R11
	JMP  spike

ok:
	MOVQ R11, done+104(FP)
	MOVQ $0, bad+112(FP)
	RET

badrow:
	MOVQ R11, done+104(FP)
	MOVQ $-1, bad+112(FP)
	RET

badtgt:
	MOVQ R11, done+104(FP)
	MOVQ CX, bad+112(FP)
	RET
