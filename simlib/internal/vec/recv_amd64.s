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

// COND1PAIR_COEF loads the coefficients of both receptors of
// cond1PairSetAsm and cond1PairAddAsm (R8: k, R11: k2): A Y0, B Y1, C Y2,
// CE Y3, A2 Y8, B2 Y9, C2 Y10, CE2 Y11.
#define COND1PAIR_COEF \
	VBROADCASTSD 0(R8), Y0    \
	VBROADCASTSD 8(R8), Y1    \
	VBROADCASTSD 16(R8), Y2   \
	VBROADCASTSD 24(R8), Y3   \
	VBROADCASTSD 0(R11), Y8   \
	VBROADCASTSD 8(R11), Y9   \
	VBROADCASTSD 16(R11), Y10 \
	VBROADCASTSD 24(R11), Y11 \
	VXORPD Y15, Y15, Y15      \
	SHLQ $3, CX               \
	XORQ AX, AX

// COND1PAIR_STATE propagates both states, x in Y4 and y in Y5: (SI) ←
// A·x + B·r with r at (DX), (R9) ← A2·y + B2·r2 with r2 at (R10); then it
// clears both slots.
#define COND1PAIR_STATE \
	VMULPD  Y4, Y0, Y6           \
	VMULPD  (DX)(AX*1), Y1, Y7   \
	VADDPD  Y7, Y6, Y6           \
	VMOVUPD Y6, (SI)(AX*1)       \
	VMULPD  Y5, Y8, Y12          \
	VMULPD  (R10)(AX*1), Y9, Y13 \
	VADDPD  Y13, Y12, Y12        \
	VMOVUPD Y12, (R9)(AX*1)      \
	VMOVUPD Y15, (DX)(AX*1)      \
	VMOVUPD Y15, (R10)(AX*1)

// RECV2_COEF loads a Recv2 from R8: C[0] Y0, C[1] Y1, P Y2 Y3 Y8 Y9,
// B Y10 Y11, ERev Y12.
#define RECV2_COEF \
	VBROADCASTSD 0(R8), Y0   \
	VBROADCASTSD 8(R8), Y1   \
	VBROADCASTSD 16(R8), Y2  \
	VBROADCASTSD 24(R8), Y3  \
	VBROADCASTSD 32(R8), Y8  \
	VBROADCASTSD 40(R8), Y9  \
	VBROADCASTSD 48(R8), Y10 \
	VBROADCASTSD 56(R8), Y11 \
	VBROADCASTSD 64(R8), Y12 \
	VXORPD Y15, Y15, Y15

// RECV2_STATE propagates the two states, x in Y4, y in Y5, r in Y13:
// (SI) ← (P00·x + P01·y) + B0·r, (R9) ← (P10·x + P11·y) + B1·r; then it
// clears the slot (DX).
#define RECV2_STATE \
	VMULPD  Y4, Y2, Y6      \
	VMULPD  Y5, Y3, Y7      \
	VADDPD  Y7, Y6, Y6      \
	VMULPD  Y13, Y10, Y7    \
	VADDPD  Y7, Y6, Y6      \
	VMOVUPD Y6, (SI)(AX*1)  \
	VMULPD  Y4, Y8, Y6      \
	VMULPD  Y5, Y9, Y7      \
	VADDPD  Y7, Y6, Y6      \
	VMULPD  Y13, Y11, Y7    \
	VADDPD  Y7, Y6, Y6      \
	VMOVUPD Y6, (R9)(AX*1)  \
	VMOVUPD Y15, (DX)(AX*1)

// func cur1Asm(n int, I, s, r *float64, k *Recv1)
TEXT ·cur1Asm(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ I+8(FP), DI
	MOVQ s+16(FP), SI
	MOVQ r+24(FP), DX
	MOVQ k+32(FP), R8
	VBROADCASTSD 0(R8), Y0  // A
	VBROADCASTSD 8(R8), Y1  // B
	VBROADCASTSD 16(R8), Y2 // C
	VXORPD Y15, Y15, Y15
	SHLQ $3, CX
	XORQ AX, AX

cur1loop:
	VMOVUPD (SI)(AX*1), Y4     // x
	VMULPD  Y4, Y2, Y5         // C*x
	VADDPD  (DI)(AX*1), Y5, Y5 // I + C*x
	VMOVUPD Y5, (DI)(AX*1)
	VMULPD  Y4, Y0, Y6         // A*x
	VMULPD  (DX)(AX*1), Y1, Y7 // B*r
	VADDPD  Y7, Y6, Y6         // A*x + B*r
	VMOVUPD Y6, (SI)(AX*1)
	VMOVUPD Y15, (DX)(AX*1)
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cur1loop
	VZEROUPPER
	RET

// func cur1PairAsm(n int, I, s, r, s2, r2 *float64, k, k2 *Recv1)
TEXT ·cur1PairAsm(SB), NOSPLIT, $0-64
	MOVQ n+0(FP), CX
	MOVQ I+8(FP), DI
	MOVQ s+16(FP), SI
	MOVQ r+24(FP), DX
	MOVQ s2+32(FP), R9
	MOVQ r2+40(FP), R10
	MOVQ k+48(FP), R8
	MOVQ k2+56(FP), R11
	VBROADCASTSD 0(R8), Y0   // A
	VBROADCASTSD 8(R8), Y1   // B
	VBROADCASTSD 16(R8), Y2  // C
	VBROADCASTSD 0(R11), Y8  // A2
	VBROADCASTSD 8(R11), Y9  // B2
	VBROADCASTSD 16(R11), Y10 // C2
	VXORPD Y15, Y15, Y15
	SHLQ $3, CX
	XORQ AX, AX

cur1pairloop:
	VMOVUPD (SI)(AX*1), Y4      // x
	VMOVUPD (R9)(AX*1), Y5      // y
	VMULPD  Y4, Y2, Y6          // C*x
	VADDPD  (DI)(AX*1), Y6, Y6  // I + C*x
	VMULPD  Y5, Y10, Y7         // C2*y
	VADDPD  Y7, Y6, Y6          // (I + C*x) + C2*y
	VMOVUPD Y6, (DI)(AX*1)
	VMULPD  Y4, Y0, Y6          // A*x
	VMULPD  (DX)(AX*1), Y1, Y7  // B*r
	VADDPD  Y7, Y6, Y6
	VMOVUPD Y6, (SI)(AX*1)
	VMULPD  Y5, Y8, Y12         // A2*y
	VMULPD  (R10)(AX*1), Y9, Y13 // B2*r2
	VADDPD  Y13, Y12, Y12
	VMOVUPD Y12, (R9)(AX*1)
	VMOVUPD Y15, (DX)(AX*1)
	VMOVUPD Y15, (R10)(AX*1)
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cur1pairloop
	VZEROUPPER
	RET

// func cond1SetAsm(n int, G, GE, s, r *float64, k *Recv1)
TEXT ·cond1SetAsm(SB), NOSPLIT, $0-48
	MOVQ n+0(FP), CX
	MOVQ G+8(FP), DI
	MOVQ GE+16(FP), BX
	MOVQ s+24(FP), SI
	MOVQ r+32(FP), DX
	MOVQ k+40(FP), R8
	VBROADCASTSD 0(R8), Y0  // A
	VBROADCASTSD 8(R8), Y1  // B
	VBROADCASTSD 16(R8), Y2 // C
	VBROADCASTSD 24(R8), Y3 // CE
	VXORPD Y15, Y15, Y15
	SHLQ $3, CX
	XORQ AX, AX

cond1setloop:
	VMOVUPD (SI)(AX*1), Y4     // x
	VMULPD  Y4, Y2, Y5         // C*x
	VMOVUPD Y5, (DI)(AX*1)
	VMULPD  Y4, Y3, Y5         // CE*x
	VMOVUPD Y5, (BX)(AX*1)
	VMULPD  Y4, Y0, Y6         // A*x
	VMULPD  (DX)(AX*1), Y1, Y7 // B*r
	VADDPD  Y7, Y6, Y6
	VMOVUPD Y6, (SI)(AX*1)
	VMOVUPD Y15, (DX)(AX*1)
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cond1setloop
	VZEROUPPER
	RET

// func cond1AddAsm(n int, G, GE, s, r *float64, k *Recv1)
TEXT ·cond1AddAsm(SB), NOSPLIT, $0-48
	MOVQ n+0(FP), CX
	MOVQ G+8(FP), DI
	MOVQ GE+16(FP), BX
	MOVQ s+24(FP), SI
	MOVQ r+32(FP), DX
	MOVQ k+40(FP), R8
	VBROADCASTSD 0(R8), Y0  // A
	VBROADCASTSD 8(R8), Y1  // B
	VBROADCASTSD 16(R8), Y2 // C
	VBROADCASTSD 24(R8), Y3 // CE
	VXORPD Y15, Y15, Y15
	SHLQ $3, CX
	XORQ AX, AX

cond1addloop:
	VMOVUPD (SI)(AX*1), Y4     // x
	VMULPD  Y4, Y2, Y5         // C*x
	VADDPD  (DI)(AX*1), Y5, Y5 // G + C*x
	VMOVUPD Y5, (DI)(AX*1)
	VMULPD  Y4, Y3, Y5         // CE*x
	VADDPD  (BX)(AX*1), Y5, Y5 // GE + CE*x
	VMOVUPD Y5, (BX)(AX*1)
	VMULPD  Y4, Y0, Y6         // A*x
	VMULPD  (DX)(AX*1), Y1, Y7 // B*r
	VADDPD  Y7, Y6, Y6
	VMOVUPD Y6, (SI)(AX*1)
	VMOVUPD Y15, (DX)(AX*1)
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cond1addloop
	VZEROUPPER
	RET

// func cond1PairSetAsm(n int, G, GE, s, r, s2, r2 *float64, k, k2 *Recv1)
TEXT ·cond1PairSetAsm(SB), NOSPLIT, $0-72
	MOVQ n+0(FP), CX
	MOVQ G+8(FP), DI
	MOVQ GE+16(FP), BX
	MOVQ s+24(FP), SI
	MOVQ r+32(FP), DX
	MOVQ s2+40(FP), R9
	MOVQ r2+48(FP), R10
	MOVQ k+56(FP), R8
	MOVQ k2+64(FP), R11
	COND1PAIR_COEF

cond1pairsetloop:
	VMOVUPD (SI)(AX*1), Y4 // x
	VMOVUPD (R9)(AX*1), Y5 // y
	VMULPD  Y4, Y2, Y6     // C*x
	VMULPD  Y5, Y10, Y7    // C2*y
	VADDPD  Y7, Y6, Y6
	VMOVUPD Y6, (DI)(AX*1)
	VMULPD  Y4, Y3, Y6     // CE*x
	VMULPD  Y5, Y11, Y7    // CE2*y
	VADDPD  Y7, Y6, Y6
	VMOVUPD Y6, (BX)(AX*1)
	COND1PAIR_STATE
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cond1pairsetloop
	VZEROUPPER
	RET

// func cond1PairAddAsm(n int, G, GE, s, r, s2, r2 *float64, k, k2 *Recv1)
TEXT ·cond1PairAddAsm(SB), NOSPLIT, $0-72
	MOVQ n+0(FP), CX
	MOVQ G+8(FP), DI
	MOVQ GE+16(FP), BX
	MOVQ s+24(FP), SI
	MOVQ r+32(FP), DX
	MOVQ s2+40(FP), R9
	MOVQ r2+48(FP), R10
	MOVQ k+56(FP), R8
	MOVQ k2+64(FP), R11
	COND1PAIR_COEF

cond1pairaddloop:
	VMOVUPD (SI)(AX*1), Y4     // x
	VMOVUPD (R9)(AX*1), Y5     // y
	VMULPD  Y4, Y2, Y6         // C*x
	VMULPD  Y5, Y10, Y7        // C2*y
	VADDPD  Y7, Y6, Y6         // C*x + C2*y
	VADDPD  (DI)(AX*1), Y6, Y6 // G + (C*x + C2*y)
	VMOVUPD Y6, (DI)(AX*1)
	VMULPD  Y4, Y3, Y6         // CE*x
	VMULPD  Y5, Y11, Y7        // CE2*y
	VADDPD  Y7, Y6, Y6
	VADDPD  (BX)(AX*1), Y6, Y6
	VMOVUPD Y6, (BX)(AX*1)
	COND1PAIR_STATE
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cond1pairaddloop
	VZEROUPPER
	RET

// func cur2Asm(n int, I, s0, s1, r *float64, k *Recv2)
TEXT ·cur2Asm(SB), NOSPLIT, $0-48
	MOVQ n+0(FP), CX
	MOVQ I+8(FP), DI
	MOVQ s0+16(FP), SI
	MOVQ s1+24(FP), R9
	MOVQ r+32(FP), DX
	MOVQ k+40(FP), R8
	RECV2_COEF
	SHLQ $3, CX
	XORQ AX, AX

cur2loop:
	VMOVUPD (SI)(AX*1), Y4     // x
	VMOVUPD (R9)(AX*1), Y5     // y
	VMOVUPD (DX)(AX*1), Y13    // r
	VMULPD  Y4, Y0, Y6         // C0*x
	VMULPD  Y5, Y1, Y7         // C1*y
	VADDPD  Y7, Y6, Y6         // o
	VADDPD  (DI)(AX*1), Y6, Y6 // I + o
	VMOVUPD Y6, (DI)(AX*1)
	RECV2_STATE
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cur2loop
	VZEROUPPER
	RET

// func cond2Asm(n int, G, GE, s0, s1, r *float64, k *Recv2)
TEXT ·cond2Asm(SB), NOSPLIT, $0-56
	MOVQ n+0(FP), CX
	MOVQ G+8(FP), DI
	MOVQ GE+16(FP), BX
	MOVQ s0+24(FP), SI
	MOVQ s1+32(FP), R9
	MOVQ r+40(FP), DX
	MOVQ k+48(FP), R8
	RECV2_COEF
	SHLQ $3, CX
	XORQ AX, AX

cond2loop:
	VMOVUPD (SI)(AX*1), Y4     // x
	VMOVUPD (R9)(AX*1), Y5     // y
	VMOVUPD (DX)(AX*1), Y13    // r
	VMULPD  Y4, Y0, Y6         // C0*x
	VMULPD  Y5, Y1, Y7         // C1*y
	VADDPD  Y7, Y6, Y6         // o
	VADDPD  (DI)(AX*1), Y6, Y7 // G + o
	VMOVUPD Y7, (DI)(AX*1)
	VMULPD  Y6, Y12, Y7        // ERev*o
	VADDPD  (BX)(AX*1), Y7, Y7 // GE + ERev*o
	VMOVUPD Y7, (BX)(AX*1)
	RECV2_STATE
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     cond2loop
	VZEROUPPER
	RET

// func addClearAsm(n int, J, r *float64)
TEXT ·addClearAsm(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), CX
	MOVQ J+8(FP), DI
	MOVQ r+16(FP), DX
	VXORPD Y15, Y15, Y15
	SHLQ $3, CX
	XORQ AX, AX

addclearloop:
	VMOVUPD (DX)(AX*1), Y4
	VADDPD  (DI)(AX*1), Y4, Y4 // J + r
	VMOVUPD Y4, (DI)(AX*1)
	VMOVUPD Y15, (DX)(AX*1)
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     addclearloop
	VZEROUPPER
	RET
