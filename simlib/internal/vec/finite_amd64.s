//go:build amd64 && !purego

#include "textflag.h"

// func sumAsm(n int, v *float64) float64
//
// Sixteen partial sums in Y0-Y3 over blocks of 16 elements, the rest in
// blocks of 4 into Y0, then Y0-Y3 and their lanes added together. n is a
// positive multiple of 4.
TEXT ·sumAsm(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), CX
	MOVQ v+8(FP), SI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	SHLQ $3, CX
	MOVQ CX, DX
	ANDQ $-128, DX // end of the blocks of 16
	XORQ AX, AX

sum16:
	CMPQ   AX, DX
	JGE    sum4
	VADDPD (SI)(AX*1), Y0, Y0
	VADDPD 32(SI)(AX*1), Y1, Y1
	VADDPD 64(SI)(AX*1), Y2, Y2
	VADDPD 96(SI)(AX*1), Y3, Y3
	ADDQ   $128, AX
	JMP    sum16

sum4:
	CMPQ   AX, CX
	JGE    reduce
	VADDPD (SI)(AX*1), Y0, Y0
	ADDQ   $32, AX
	JMP    sum4

reduce:
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VUNPCKHPD    X0, X0, X1
	VADDSD       X1, X0, X0
	VZEROUPPER
	MOVSD        X0, ret+16(FP)
	RET
