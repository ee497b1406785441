//go:build amd64 && !purego

#include "textflag.h"
#include "go_asm.h"

// The fused receptor and LIF kernels (fused.go), four neurons at a time:
// each lane performs the IEEE operations of the generic kernel in the same
// order, no fused multiply-add. The receptor outputs stay in registers;
// the receptor states are propagated and the slots cleared before the
// membrane update. Operand order, the threshold macros and their registers
// are those of lif_amd64.s (lif_amd64.h); besides, BX is the fusedK and
// R10 s, R11 r, R12 s2, R13 r2 (the second receptor's state and slot).

#include "lif_amd64.h"
#include "fused_amd64.h"

// The kernels load a whole group before storing any of it: the neurons' arrays are often the same distance apart modulo 4096,
// and a load after a store to such an address (4K aliasing) waits for it.

// PROP4 propagates a state x with its slot value q (registers, both
// overwritten) and coefficients A, B (fusedK fields): x ← A·x + B·q.
#define PROP4(x, q, A, B) \
	VMULPD B(BX), q, q ; \
	VMULPD A(BX), x, x ; \
	VADDPD q, x, x

// STORE4 stores the new state x of the receptor at s, r and clears its
// slot.
#define STORE4(x, s, r) \
	VMOVUPD x, (s)(CX*8) ; \
	VMOVUPD Y9, (r)(CX*8)

// CUR1 leaves in Y1 the input of one current receptor, 0 + C·x, with x
// (from R10) in Y5, the slot in Y7, v in Y0 and ref (LOADREF), and
// propagates x.
#define CUR1 \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	VMOVUPD (SI)(CX*8), Y0 ; \
	LOADREF ; \
	VMULPD  fusedK_C(BX), Y5, Y1 ; \
	VADDPD  Y1, Y9, Y1 ; \
	PROP4(Y5, Y7, fusedK_A, fusedK_B)

// CUR2 leaves in Y1 the input of two, (0 + C·x) + C2·y, y in Y6, and
// propagates both.
#define CUR2 \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMOVUPD (R12)(CX*8), Y6 ; \
	VMULPD  fusedK_C(BX), Y5, Y1 ; \
	VADDPD  Y1, Y9, Y1 ; \
	VMULPD  fusedK_C2(BX), Y6, Y2 ; \
	VADDPD  Y2, Y1, Y1 ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	VMOVUPD (R13)(CX*8), Y2 ; \
	VMOVUPD (SI)(CX*8), Y0 ; \
	LOADREF ; \
	PROP4(Y5, Y7, fusedK_A, fusedK_B) ; \
	PROP4(Y6, Y2, fusedK_A2, fusedK_B2)

// CURREXACT is LIFCurrExact's update of v (Y0) on the input in Y1, with
// no jump (+0): VRest + (v - VRest)·Prop + (in + IOffset)·R + 0.
#define CURREXACT \
	VSUBPD  Y15, Y0, Y0 ; \
	VMULPD  Y14, Y0, Y0 ; \
	VADDPD  Y0, Y15, Y0 ; \
	VADDPD  Y13, Y1, Y1 ; \
	VMULPD  fusedK_R(BX), Y1, Y1 ; \
	VADDPD  Y1, Y0, Y0 ; \
	VADDPD  Y9, Y0, Y0

// CURSTART loads the constants of the current kernels.
#define CURSTART \
	MOVQ c+0(FP), AX ; \
	VBROADCASTSD LIF_VRest(AX), Y15 ; \
	VBROADCASTSD LIF_Prop(AX), Y14 ; \
	VBROADCASTSD LIF_IOffset(AX), Y13 ; \
	COMMON ; \
	MOVQ k+8(FP), BX ; \
	MOVQ v+16(FP), SI ; \
	MOVQ ref+24(FP), DI ; \
	MOVQ s+32(FP), R10 ; \
	MOVQ r+40(FP), R11

// CURKERNEL1 and CURKERNEL2 are the bodies of the current kernels of one
// and two receptors: CUR the input and propagation, EXACT the update of v.
#define CURKERNEL1(CUR, EXACT) \
	CURSTART ; \
	ARGS1 ; \
loop: \
	CUR ; \
	EXACT ; \
	STORE4(Y5, R10, R11) ; \
	SETTLE ; \
	NEXT ; \
end: \
	FLUSH

#define CURKERNEL2(CUR, EXACT) \
	CURSTART ; \
	ARGS2 ; \
loop: \
	CUR ; \
	EXACT ; \
	STORE4(Y5, R10, R11) ; \
	STORE4(Y6, R12, R13) ; \
	SETTLE ; \
	NEXT ; \
end: \
	FLUSH

// func fusedCurrExact1AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCurrExact1AVX2(SB), NOSPLIT, $0-64
	CURKERNEL1(CUR1, CURREXACT)
	RET

// func fusedCurrExact2AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCurrExact2AVX2(SB), NOSPLIT, $0-80
	CURKERNEL2(CUR2, CURREXACT)
	RET

// COND1 leaves g = C·x in Y0 and ge = CE·x in Y1, x in Y5.
#define COND1 \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMULPD  fusedK_C(BX), Y5, Y0 ; \
	VMULPD  fusedK_CE(BX), Y5, Y1

// COND2 leaves g = C·x + C2·y in Y0 and ge = CE·x + CE2·y in Y1, x in
// Y5, y in Y6.
#define COND2 \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMOVUPD (R12)(CX*8), Y6 ; \
	VMULPD  fusedK_C(BX), Y5, Y0 ; \
	VMULPD  fusedK_C2(BX), Y6, Y1 ; \
	VADDPD  Y1, Y0, Y0 ; \
	VMULPD  fusedK_CE(BX), Y5, Y1 ; \
	VMULPD  fusedK_CE2(BX), Y6, Y2 ; \
	VADDPD  Y2, Y1, Y1

// CONDX turns g (Y0), ge (Y1) into vinf = ((Base + ge) + 0)/gt in Y1 and
// x = K·gt in Y0, gt = GL + g, and leaves the group (to end) when a lane's
// x is outside [+0, 700] or NaN, as lifCondExpAVX2 does: before anything
// of the group is stored.
#define CONDX \
	VADDPD    Y0, Y15, Y0 ; \
	VADDPD    Y1, Y14, Y1 ; \
	VADDPD    Y9, Y1, Y1 ; \
	VDIVPD    Y0, Y1, Y1 ; \
	VMULPD    Y0, Y13, Y0 ; \
	VPCMPGTQ  ·expC+expConsts_max(SB), Y0, Y2 ; \
	VPOR      Y0, Y2, Y2 ; \
	VMOVMSKPD Y2, AX ; \
	TESTQ     AX, AX ; \
	JNZ       end

// CONDEXP is LIFCondExp's update with x in Y0, vinf in Y1 and d = v -
// vinf in Y8 (loaded before the group's stores: Y8, VPERMD's indices, is
// free until SETTLE and reloaded for it), no jump (+0): e = e^{-x}
// (EXPNEG), v ← vinf + d·e + 0, then the threshold.
#define CONDEXP \
	EXPNEG ; \
	VMULPD  Y7, Y8, Y0 ; \
	VADDPD  Y0, Y1, Y0 ; \
	VADDPD  Y9, Y0, Y0 ; \
	VMOVDQU ·expC+expConsts_perm(SB), Y8 ; \
	SETTLE

// CONDV leaves d = v - vinf in Y8 and loads ref (LOADREF).
#define CONDV \
	VMOVUPD (SI)(CX*8), Y8 ; \
	VSUBPD  Y1, Y8, Y8 ; \
	LOADREF

// CONDSTART loads the constants of the conductance kernels.
#define CONDSTART \
	MOVQ c+0(FP), AX ; \
	VBROADCASTSD LIF_GL(AX), Y15 ; \
	VBROADCASTSD LIF_Base(AX), Y14 ; \
	VBROADCASTSD LIF_K(AX), Y13 ; \
	COMMON ; \
	MOVQ k+8(FP), BX ; \
	MOVQ v+16(FP), SI ; \
	MOVQ ref+24(FP), DI ; \
	MOVQ s+32(FP), R10 ; \
	MOVQ r+40(FP), R11 ; \
	LEAQ ·expTable(SB), R14

// PROPS1 and PROPS2 propagate the conductance kernels' receptor states
// (Y5, and Y6) with their slot values (Y7, and Y2).
#define PROPS1 PROP4(Y5, Y7, fusedK_A, fusedK_B)
#define PROPS2 PROPS1 ; PROP4(Y6, Y2, fusedK_A2, fusedK_B2)

// CONDEXPKERNEL1 and CONDEXPKERNEL2 are the bodies of the CondExp kernels
// of one and two receptors up to CONDEXP: COND the conductances, PROPS the
// propagation. The kernel then reloads n into DX, which held a table index
// (in the TEXT, where vet checks the argument's offset), and ends with
// CONDEXPEND.
#define CONDEXPKERNEL1(COND, PROPS) \
	CONDSTART ; \
	ARGS1 ; \
loop: \
	COND ; \
	CONDX ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	CONDV ; \
	PROPS ; \
	STORE4(Y5, R10, R11) ; \
	CONDEXP

#define CONDEXPEND \
	NEXT ; \
end: \
	FLUSH

#define CONDEXPKERNEL2(COND, PROPS) \
	CONDSTART ; \
	ARGS2 ; \
loop: \
	COND ; \
	CONDX ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	VMOVUPD (R13)(CX*8), Y2 ; \
	CONDV ; \
	PROPS ; \
	STORE4(Y5, R10, R11) ; \
	STORE4(Y6, R12, R13) ; \
	CONDEXP

// func fusedCondExp1AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64) (done int)
TEXT ·fusedCondExp1AVX2(SB), NOSPLIT, $0-72
	CONDEXPKERNEL1(COND1, PROPS1)
	MOVQ n+48(FP), DX
	CONDEXPEND
	MOVQ CX, done+64(FP)
	RET

// func fusedCondExp2AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64) (done int)
TEXT ·fusedCondExp2AVX2(SB), NOSPLIT, $0-88
	CONDEXPKERNEL2(COND2, PROPS2)
	MOVQ n+64(FP), DX
	CONDEXPEND
	MOVQ CX, done+80(FP)
	RET

// CONDEULER is LIFCondEuler's update of v (Y7) with g in Y0 and ge in Y1,
// no current and no jump (+0 each), into Y0:
// v ← v + (K·(((Base - (GL + g)·v) + ge) + 0) + 0).
#define CONDEULER \
	VADDPD  Y0, Y15, Y2 ; \
	VMULPD  Y7, Y2, Y2 ; \
	VSUBPD  Y2, Y14, Y2 ; \
	VADDPD  Y1, Y2, Y2 ; \
	VADDPD  Y9, Y2, Y2 ; \
	VMULPD  Y2, Y13, Y2 ; \
	VADDPD  Y9, Y2, Y2 ; \
	VADDPD  Y2, Y7, Y0

// CONDEULERKERNEL1 and CONDEULERKERNEL2 are the bodies of the CondEuler
// kernels of one and two receptors: COND the conductances, PROPS the
// propagation.
#define CONDEULERKERNEL1(COND, PROPS) \
	CONDSTART ; \
	ARGS1 ; \
loop: \
	COND ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	LOADREF ; \
	PROPS ; \
	VMOVUPD (SI)(CX*8), Y7 ; \
	CONDEULER ; \
	STORE4(Y5, R10, R11) ; \
	SETTLE ; \
	NEXT ; \
end: \
	FLUSH

#define CONDEULERKERNEL2(COND, PROPS) \
	CONDSTART ; \
	ARGS2 ; \
loop: \
	COND ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	VMOVUPD (R13)(CX*8), Y2 ; \
	LOADREF ; \
	PROPS ; \
	VMOVUPD (SI)(CX*8), Y7 ; \
	CONDEULER ; \
	STORE4(Y5, R10, R11) ; \
	STORE4(Y6, R12, R13) ; \
	SETTLE ; \
	NEXT ; \
end: \
	FLUSH

// func fusedCondEuler1AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCondEuler1AVX2(SB), NOSPLIT, $0-64
	CONDEULERKERNEL1(COND1, PROPS1)
	RET

// func fusedCondEuler2AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCondEuler2AVX2(SB), NOSPLIT, $0-80
	CONDEULERKERNEL2(COND2, PROPS2)
	RET

// The unit kernels: the kernels above for receptors whose B is 1 and a
// LIF whose IOffset is ±0 (current), or receptors whose B and C are 1
// (conductance): they leave out B·q, C·x and the addition of IOffset, as
// the AVX-512 count kernels' unit twins do (fused512_amd64.s says why no
// bit changes).

// PROPU4 is PROP4 with B 1: x ← A·x + q.
#define PROPU4(x, q, A) \
	VMULPD A(BX), x, x ; \
	VADDPD q, x, x

// CUR1U and CUR2U are CUR1 and CUR2 with B (and B2) 1 and without the
// 0 + of the input; CURREXACTU is CURREXACT with IOffset ±0 and without
// the + 0 of the jump: the two additions of +0 the AVX-512 current kernels
// leave out (fused512_amd64.s says why no bit changes; a VRest of -0 runs
// the generic kernel on every path).
#define CUR1U \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	VMOVUPD (SI)(CX*8), Y0 ; \
	LOADREF ; \
	VMULPD  fusedK_C(BX), Y5, Y1 ; \
	PROPU4(Y5, Y7, fusedK_A)

#define CUR2U \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMOVUPD (R12)(CX*8), Y6 ; \
	VMULPD  fusedK_C(BX), Y5, Y1 ; \
	VMULPD  fusedK_C2(BX), Y6, Y2 ; \
	VADDPD  Y2, Y1, Y1 ; \
	VMOVUPD (R11)(CX*8), Y7 ; \
	VMOVUPD (R13)(CX*8), Y2 ; \
	VMOVUPD (SI)(CX*8), Y0 ; \
	LOADREF ; \
	PROPU4(Y5, Y7, fusedK_A) ; \
	PROPU4(Y6, Y2, fusedK_A2)

#define CURREXACTU \
	VSUBPD  Y15, Y0, Y0 ; \
	VMULPD  Y14, Y0, Y0 ; \
	VADDPD  Y0, Y15, Y0 ; \
	VMULPD  fusedK_R(BX), Y1, Y1 ; \
	VADDPD  Y1, Y0, Y0

// COND1U and COND2U are COND1 and COND2 with C (and C2) 1.
#define COND1U \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMOVAPD Y5, Y0 ; \
	VMULPD  fusedK_CE(BX), Y5, Y1

#define COND2U \
	VMOVUPD (R10)(CX*8), Y5 ; \
	VMOVUPD (R12)(CX*8), Y6 ; \
	VADDPD  Y6, Y5, Y0 ; \
	VMULPD  fusedK_CE(BX), Y5, Y1 ; \
	VMULPD  fusedK_CE2(BX), Y6, Y2 ; \
	VADDPD  Y2, Y1, Y1

#define PROPSU1 PROPU4(Y5, Y7, fusedK_A)
#define PROPSU2 PROPSU1 ; PROPU4(Y6, Y2, fusedK_A2)

// func fusedCurrExact1UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCurrExact1UAVX2(SB), NOSPLIT, $0-64
	CURKERNEL1(CUR1U, CURREXACTU)
	RET

// func fusedCurrExact2UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCurrExact2UAVX2(SB), NOSPLIT, $0-80
	CURKERNEL2(CUR2U, CURREXACTU)
	RET

// func fusedCondExp1UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64) (done int)
TEXT ·fusedCondExp1UAVX2(SB), NOSPLIT, $0-72
	CONDEXPKERNEL1(COND1U, PROPSU1)
	MOVQ n+48(FP), DX
	CONDEXPEND
	MOVQ CX, done+64(FP)
	RET

// func fusedCondExp2UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64) (done int)
TEXT ·fusedCondExp2UAVX2(SB), NOSPLIT, $0-88
	CONDEXPKERNEL2(COND2U, PROPSU2)
	MOVQ n+64(FP), DX
	CONDEXPEND
	MOVQ CX, done+80(FP)
	RET

// func fusedCondEuler1UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCondEuler1UAVX2(SB), NOSPLIT, $0-64
	CONDEULERKERNEL1(COND1U, PROPSU1)
	RET

// func fusedCondEuler2UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCondEuler2UAVX2(SB), NOSPLIT, $0-80
	CONDEULERKERNEL2(COND2U, PROPSU2)
	RET
