//go:build amd64 && !purego

#include "textflag.h"

// The AVX2 receptor kernels: each does, on four lanes at a time, exactly
// the IEEE operations of its generic kernel in recv_generic.go, in the
// same order (VMULPD and VADDPD round each result to float64; no fused
// multiply-add). n is a positive multiple of 4; AX runs over the byte
// offsets, CX is the end. Y15 holds zeros, for clearing the ring slots.
//
// Recv1 offsets: A 0, B 8, C 16, CE 24.
// Recv2 offsets: C[0] 0, C[1] 8, P[0][0] 16, P[0][1] 24, P[1][0] 32,
// P[1][1] 40, B[0] 48, B[1] 56, ERev 64.

// START zeroes Y15 and AX and turns CX from elements into bytes.
#define START \
	VXORPD Y15, Y15, Y15 \
	SHLQ   $3, CX        \
	XORQ   AX, AX

// NEXT goes on to the next four lanes at loop, or returns.
#define NEXT(loop) \
	ADDQ $32, AX \
	CMPQ AX, CX  \
	JLT  loop    \
	VZEROUPPER   \
	RET

// COEF1 broadcasts the Recv1 at k into A, B, C, CE.
#define COEF1(k, A, B, C, CE) \
	VBROADCASTSD 0(k), A  \
	VBROADCASTSD 8(k), B  \
	VBROADCASTSD 16(k), C \
	VBROADCASTSD 24(k), CE

// STATE1 propagates a single state x (a register): (s) ← A·x + B·(r),
// then clears (r). It uses Y6 and Y7.
#define STATE1(x, s, r, A, B) \
	VMULPD  x, A, Y6         \
	VMULPD  (r)(AX*1), B, Y7 \
	VADDPD  Y7, Y6, Y6       \
	VMOVUPD Y6, (s)(AX*1)    \
	VMOVUPD Y15, (r)(AX*1)

// COEF2 broadcasts the Recv2 at R8: C[0] Y0, C[1] Y1, P Y2 Y3 Y8 Y9,
// B Y10 Y11, ERev Y12.
#define COEF2 \
	VBROADCASTSD 0(R8), Y0   \
	VBROADCASTSD 8(R8), Y1   \
	VBROADCASTSD 16(R8), Y2  \
	VBROADCASTSD 24(R8), Y3  \
	VBROADCASTSD 32(R8), Y8  \
	VBROADCASTSD 40(R8), Y9  \
	VBROADCASTSD 48(R8), Y10 \
	VBROADCASTSD 56(R8), Y11 \
	VBROADCASTSD 64(R8), Y12

// LOAD2 loads x (SI) into Y4, y (R9) into Y5, r (DX) into Y13 and leaves
// the output o = C[0]·x + C[1]·y in Y6.
#define LOAD2 \
	VMOVUPD (SI)(AX*1), Y4  \
	VMOVUPD (R9)(AX*1), Y5  \
	VMOVUPD (DX)(AX*1), Y13 \
	VMULPD  Y4, Y0, Y6      \
	VMULPD  Y5, Y1, Y7      \
	VADDPD  Y7, Y6, Y6

// STATE2 propagates the two states: (SI) ← (P00·x + P01·y) + B0·r,
// (R9) ← (P10·x + P11·y) + B1·r; then it clears the slot (DX).
#define STATE2 \
	VMULPD  Y4, Y2, Y6     \
	VMULPD  Y5, Y3, Y7     \
	VADDPD  Y7, Y6, Y6     \
	VMULPD  Y13, Y10, Y7   \
	VADDPD  Y7, Y6, Y6     \
	VMOVUPD Y6, (SI)(AX*1) \
	VMULPD  Y4, Y8, Y6     \
	VMULPD  Y5, Y9, Y7     \
	VADDPD  Y7, Y6, Y6     \
	VMULPD  Y13, Y11, Y7   \
	VADDPD  Y7, Y6, Y6     \
	VMOVUPD Y6, (R9)(AX*1) \
	VMOVUPD Y15, (DX)(AX*1)

// CURIN adds I (or J) at (DI) to Y12, or +0 when R12 is 0 (the first
// receptor of the update: I was not cleared), the bits of adding into a
// cleared I. It defines the labels add and in, named per use.
#define CURIN(add, in) \
	TESTQ  R12, R12            \
	JNE    add                 \
	VADDPD Y15, Y12, Y12       \
	JMP    in                  \
add:                           \
	VADDPD (DI)(AX*1), Y12, Y12 \
in:

// func cur1Asm(n int, I, s, r *float64, k *Recv1, add bool)
//
// I ← I + C·x (add) or 0 + C·x; s ← A·x + B·r; r ← 0.
TEXT ·cur1Asm(SB), NOSPLIT, $0-41
	MOVQ    n+0(FP), CX
	MOVQ    I+8(FP), DI
	MOVQ    s+16(FP), SI
	MOVQ    r+24(FP), DX
	MOVQ    k+32(FP), R8
	MOVBQZX add+40(FP), R12
	COEF1(R8, Y0, Y1, Y2, Y3)
	START

cur1loop:
	VMOVUPD (SI)(AX*1), Y4 // x
	VMULPD  Y4, Y2, Y12    // C*x
	CURIN(cur1add, cur1in)
	VMOVUPD Y12, (DI)(AX*1)
	STATE1(Y4, SI, DX, Y0, Y1)
	NEXT(cur1loop)

// func cur1PairAsm(n int, I, s, r, s2, r2 *float64, k, k2 *Recv1, add bool)
//
// I ← (I + C·x) + C2·y, with +0 for I unless add; s ← A·x + B·r;
// s2 ← A2·y + B2·r2; r, r2 ← 0.
TEXT ·cur1PairAsm(SB), NOSPLIT, $0-65
	MOVQ    n+0(FP), CX
	MOVQ    I+8(FP), DI
	MOVQ    s+16(FP), SI
	MOVQ    r+24(FP), DX
	MOVQ    s2+32(FP), R9
	MOVQ    r2+40(FP), R10
	MOVQ    k+48(FP), R8
	MOVQ    k2+56(FP), R11
	MOVBQZX add+64(FP), R12
	COEF1(R8, Y0, Y1, Y2, Y3)
	COEF1(R11, Y8, Y9, Y10, Y11)
	START

cur1pairloop:
	VMOVUPD (SI)(AX*1), Y4 // x
	VMOVUPD (R9)(AX*1), Y5 // y
	VMULPD  Y4, Y2, Y12    // C*x
	CURIN(cur1pairadd, cur1pairin)
	VMULPD  Y5, Y10, Y13   // C2*y
	VADDPD  Y13, Y12, Y12  // (I + C*x) + C2*y
	VMOVUPD Y12, (DI)(AX*1)
	STATE1(Y4, SI, DX, Y0, Y1)
	STATE1(Y5, R9, R10, Y8, Y9)
	NEXT(cur1pairloop)

// func cond1Asm(n int, G, GE, s, r *float64, k *Recv1, add bool)
//
// add false: G ← C·x, GE ← CE·x; add true: G += C·x, GE += CE·x (the
// branch on add goes the same way every iteration). Then s ← A·x + B·r,
// r ← 0.
TEXT ·cond1Asm(SB), NOSPLIT, $0-49
	MOVQ    n+0(FP), CX
	MOVQ    G+8(FP), DI
	MOVQ    GE+16(FP), BX
	MOVQ    s+24(FP), SI
	MOVQ    r+32(FP), DX
	MOVQ    k+40(FP), R8
	MOVBQZX add+48(FP), R12
	COEF1(R8, Y0, Y1, Y2, Y3)
	START

cond1loop:
	VMOVUPD (SI)(AX*1), Y4     // x
	VMULPD  Y4, Y2, Y12        // C*x
	VMULPD  Y4, Y3, Y13        // CE*x
	TESTQ   R12, R12
	JEQ     cond1store
	VADDPD  (DI)(AX*1), Y12, Y12 // G + C*x
	VADDPD  (BX)(AX*1), Y13, Y13 // GE + CE*x

cond1store:
	VMOVUPD Y12, (DI)(AX*1)
	VMOVUPD Y13, (BX)(AX*1)
	STATE1(Y4, SI, DX, Y0, Y1)
	NEXT(cond1loop)

// func cond1PairAsm(n int, G, GE, s, r, s2, r2 *float64, k, k2 *Recv1, add bool)
//
// add false: G ← C·x + C2·y, GE ← CE·x + CE2·y; add true: G += (C·x +
// C2·y), GE += (CE·x + CE2·y). Then both states propagate, both slots
// are cleared.
TEXT ·cond1PairAsm(SB), NOSPLIT, $0-73
	MOVQ    n+0(FP), CX
	MOVQ    G+8(FP), DI
	MOVQ    GE+16(FP), BX
	MOVQ    s+24(FP), SI
	MOVQ    r+32(FP), DX
	MOVQ    s2+40(FP), R9
	MOVQ    r2+48(FP), R10
	MOVQ    k+56(FP), R8
	MOVQ    k2+64(FP), R11
	MOVBQZX add+72(FP), R12
	COEF1(R8, Y0, Y1, Y2, Y3)
	COEF1(R11, Y8, Y9, Y10, Y11)
	START

cond1pairloop:
	VMOVUPD (SI)(AX*1), Y4       // x
	VMOVUPD (R9)(AX*1), Y5       // y
	VMULPD  Y4, Y2, Y12          // C*x
	VMULPD  Y5, Y10, Y6          // C2*y
	VADDPD  Y6, Y12, Y12         // C*x + C2*y
	VMULPD  Y4, Y3, Y13          // CE*x
	VMULPD  Y5, Y11, Y7          // CE2*y
	VADDPD  Y7, Y13, Y13         // CE*x + CE2*y
	TESTQ   R12, R12
	JEQ     cond1pairstore
	VADDPD  (DI)(AX*1), Y12, Y12 // G + (C*x + C2*y)
	VADDPD  (BX)(AX*1), Y13, Y13 // GE + (CE*x + CE2*y)

cond1pairstore:
	VMOVUPD Y12, (DI)(AX*1)
	VMOVUPD Y13, (BX)(AX*1)
	STATE1(Y4, SI, DX, Y0, Y1)
	STATE1(Y5, R9, R10, Y8, Y9)
	NEXT(cond1pairloop)

// func cur2Asm(n int, I, s0, s1, r *float64, k *Recv2)
//
// I += o; then both states propagate and r is cleared.
TEXT ·cur2Asm(SB), NOSPLIT, $0-48
	MOVQ n+0(FP), CX
	MOVQ I+8(FP), DI
	MOVQ s0+16(FP), SI
	MOVQ s1+24(FP), R9
	MOVQ r+32(FP), DX
	MOVQ k+40(FP), R8
	COEF2
	START

cur2loop:
	LOAD2
	VADDPD  (DI)(AX*1), Y6, Y6 // I + o
	VMOVUPD Y6, (DI)(AX*1)
	STATE2
	NEXT(cur2loop)

// func cond2Asm(n int, G, GE, s0, s1, r *float64, k *Recv2)
//
// G += o, GE += ERev·o; then both states propagate and r is cleared.
TEXT ·cond2Asm(SB), NOSPLIT, $0-56
	MOVQ n+0(FP), CX
	MOVQ G+8(FP), DI
	MOVQ GE+16(FP), BX
	MOVQ s0+24(FP), SI
	MOVQ s1+32(FP), R9
	MOVQ r+40(FP), DX
	MOVQ k+48(FP), R8
	COEF2
	START

cond2loop:
	LOAD2
	VADDPD  (DI)(AX*1), Y6, Y7 // G + o
	VMOVUPD Y7, (DI)(AX*1)
	VMULPD  Y6, Y12, Y7        // ERev*o
	VADDPD  (BX)(AX*1), Y7, Y7 // GE + ERev*o
	VMOVUPD Y7, (BX)(AX*1)
	STATE2
	NEXT(cond2loop)

// func addClearAsm(n int, J, r *float64, add bool)
//
// J ← J + r (add) or 0 + r; r ← 0.
TEXT ·addClearAsm(SB), NOSPLIT, $0-25
	MOVQ    n+0(FP), CX
	MOVQ    J+8(FP), DI
	MOVQ    r+16(FP), DX
	MOVBQZX add+24(FP), R12
	START

addclearloop:
	VMOVUPD (DX)(AX*1), Y12
	CURIN(addclearadd, addclearin)
	VMOVUPD Y12, (DI)(AX*1)
	VMOVUPD Y15, (DX)(AX*1)
	NEXT(addclearloop)
