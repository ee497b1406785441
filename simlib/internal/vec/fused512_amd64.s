//go:build amd64 && !purego

#include "textflag.h"
#include "go_asm.h"

// The fused receptor and LIF kernels (fused.go) eight neurons at a time,
// with AVX-512 F, DQ and VL: lane by lane the IEEE operations of the
// generic kernel in the same order, as their AVX2 twins (fused_amd64.s),
// but for two additions of +0 that change no bits (see CUR1512 and
// CONDEULER512), and no fused multiply-add. The threshold, loop and
// ExpNeg macros and their registers are those of lif512_amd64.s
// (lif512_amd64.h); besides, BX is the fusedK (the CondExp kernels
// broadcast its coefficients from memory, the others keep them in
// Z18-Z25: KREG512), R10 s, R11 r, R12 s2, R13 r2, in the CondExp kernels
// AX &expC, and K7 the lanes whose stored v was NaN or infinite (FIN512).

#include "lif512_amd64.h"
#include "fused_amd64.h"

// Each group is loaded whole before anything of it is stored: the
// neurons' arrays are often the same distance apart modulo 4096, and a
// load after a store to such an address (4K aliasing) waits for it.

// LOAD1 loads x = (s) into Z5, (r) into q, v into Z0 and ref (Y3, K4).
#define LOAD1(q) \
	VMOVUPD (R10)(CX*8), Z5 ; \
	VMOVUPD (R11)(CX*8), q ; \
	VMOVUPD (SI)(CX*8), Z0 ; \
	LOADREF512

// LOAD2 is LOAD1 with y = (s2) in Z6 and (r2) in q2. The slots go to
// Z16, Z17, or in the CondExp kernels (whose table is in Z16-Z23) to Z24,
// Z25, free until EXPNEG512.
#define LOAD2(q, q2) \
	LOAD1(q) ; \
	VMOVUPD (R12)(CX*8), Z6 ; \
	VMOVUPD (R13)(CX*8), q2

// PROP propagates a state x with its slot value q (registers, both
// overwritten) and coefficients A, B (fusedK fields): x ← A·x + B·q.
#define PROP(x, q, A, B) \
	VMULPD.BCST B(BX), q, q ; \
	VMULPD.BCST A(BX), x, x ; \
	VADDPD      q, x, x

// STORE1 stores the new state (Z5) and clears the slot; STORE2 does the
// second receptor's (Z6) too.
#define STORE1 \
	VMOVUPD Z5, (R10)(CX*8) ; \
	VMOVUPD Z8, (R11)(CX*8)

#define STORE2 \
	STORE1 ; \
	VMOVUPD Z6, (R12)(CX*8) ; \
	VMOVUPD Z8, (R13)(CX*8)

// The current kernels leave out two additions of +0 of the generic
// kernel, which change no bits there: the receptors' output is 0 + C·x
// [+ C2·y] and the update ends in + 0 (the jump). Without the first, the
// output and (in + IOffset)·R can differ only in the sign of a zero, which
// then changes nothing in VRest + (v - VRest)·Prop + that, unless the
// first term is -0, which needs VRest -0; nor is that sum -0, which the
// second would turn into +0, unless both terms are. So for a VRest of -0
// fusedCurrExactAsm runs the generic kernel instead.

// KREG512 broadcasts the receptors' coefficients to Z18-Z25 for the
// current and CondEuler kernels (the CondExp ones have no register left
// and read them from memory): A Z18, B Z19, C Z20, A2 Z21, B2 Z22, C2
// Z23, CE Z24, CE2 Z25.
#define KREG512 \
	VBROADCASTSD fusedK_A(BX), Z18 ; \
	VBROADCASTSD fusedK_B(BX), Z19 ; \
	VBROADCASTSD fusedK_C(BX), Z20 ; \
	VBROADCASTSD fusedK_A2(BX), Z21 ; \
	VBROADCASTSD fusedK_B2(BX), Z22 ; \
	VBROADCASTSD fusedK_C2(BX), Z23 ; \
	VBROADCASTSD fusedK_CE(BX), Z24 ; \
	VBROADCASTSD fusedK_CE2(BX), Z25

// PROPR is PROP with the coefficients in registers (KREG512).
#define PROPR(x, q, A, B) \
	VMULPD B, q, q ; \
	VMULPD A, x, x ; \
	VADDPD q, x, x

// PROPR1 and PROPR2 propagate the first (Z5, slot Z16) and both receptors
// (Z6, slot Z17) with the coefficients of KREG512; UPROPR1 and UPROPR2
// with B (and B2) 1 (the unit kernels, after the count kernels): x ← A·x
// + q.
#define PROPR1 PROPR(Z5, Z16, Z18, Z19)
#define PROPR2 PROPR1 ; PROPR(Z6, Z17, Z21, Z22)

#define UPROPR1 \
	VMULPD Z18, Z5, Z5 ; \
	VADDPD Z16, Z5, Z5

#define UPROPR2 \
	UPROPR1 ; \
	VMULPD Z21, Z6, Z6 ; \
	VADDPD Z17, Z6, Z6

// CUR1512 leaves in Z1 the input of one current receptor, C·x (0 + C·x
// but for the sign of a zero), and propagates x.
#define CUR1512 \
	VMULPD Z20, Z5, Z1 ; \
	PROPR1

// CUR2512 leaves in Z1 the input of two, C·x + C2·y (as CUR1512), and
// propagates both.
#define CUR2512 \
	VMULPD Z20, Z5, Z1 ; \
	VMULPD Z23, Z6, Z2 ; \
	VADDPD Z2, Z1, Z1 ; \
	PROPR2

// CURREXACT512 is LIFCurrExact's update of v (Z0) on the input in Z1,
// with no jump: VRest + (v - VRest)·Prop + (in + IOffset)·R (R in Z4,
// the + 0 of the jump left out, see above).
#define CURREXACT512 \
	VSUBPD  Z15, Z0, Z0 ; \
	VMULPD  Z14, Z0, Z0 ; \
	VADDPD  Z0, Z15, Z0 ; \
	VADDPD  Z13, Z1, Z1 ; \
	VMULPD  Z4, Z1, Z1 ; \
	VADDPD  Z1, Z0, Z0

// FIN512 tests the group's stored v (Z0, after SETTLE512) for NaN and
// Inf (VFPCLASSPD: quiet and signalling NaN, +Inf, -Inf) and ORs the
// lanes that are into K7, which ARGS512 clears; FINEND512 ORs K7 into the
// fusedK's Bad. K1 is free after CONDX512.
#define FIN512 \
	VFPCLASSPDZ $0x99, Z0, K1 ; \
	KORB        K1, K7, K7

#define FINEND512 \
	KMOVB K7, R14 ; \
	ORQ   R14, fusedK_Bad(BX)

// ARGS512 loads the LIF's threshold constants and the pointers of the
// neurons and of the first receptor, and clears K7 (FIN512).
#define ARGS512 \
	COMMON512 ; \
	KXORB K7, K7, K7 ; \
	MOVQ k+8(FP), BX ; \
	MOVQ v+16(FP), SI ; \
	MOVQ ref+24(FP), DI ; \
	MOVQ s+32(FP), R10 ; \
	MOVQ r+40(FP), R11

// CURSTART512 loads the constants of the current kernels.
#define CURSTART512 \
	MOVQ c+0(FP), AX ; \
	VBROADCASTSD LIF_VRest(AX), Z15 ; \
	VBROADCASTSD LIF_Prop(AX), Z14 ; \
	VBROADCASTSD LIF_IOffset(AX), Z13 ; \
	VBROADCASTSD LIF_R(AX), Z4 ; \
	ARGS512 ; \
	KREG512

// func fusedCurrExact1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCurrExact1AVX512(SB), NOSPLIT, $0-64
	CURSTART512
	ARGS1

loop:
	LOAD1(Z16)
	CUR1512
	CURREXACT512
	STORE1
	SETTLE512
	FIN512
	NEXT512

end:
	FINEND512
	FLUSH512
	RET

// func fusedCurrExact2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCurrExact2AVX512(SB), NOSPLIT, $0-80
	CURSTART512
	ARGS2

loop:
	LOAD2(Z16, Z17)
	CUR2512
	CURREXACT512
	STORE2
	SETTLE512
	FIN512
	NEXT512

end:
	FINEND512
	FLUSH512
	RET

// COND1512 leaves g = C·x in Z1 and ge = CE·x in Z2 (after LOAD1).
#define COND1512 \
	VMULPD.BCST fusedK_C(BX), Z5, Z1 ; \
	VMULPD.BCST fusedK_CE(BX), Z5, Z2

// COND2K leaves g = C·x + C2·y in Z1 and ge = CE·x + CE2·y in Z2 (after
// LOAD2), MUL the product: VMULPD.BCST with the coefficients in memory
// (COND2512, the CondExp kernels), VMULPD with them in registers
// (COND2R512, KREG512).
#define COND2K(MUL, C, C2, CE, CE2) \
	MUL    C, Z5, Z1 ; \
	MUL    C2, Z6, Z2 ; \
	VADDPD Z2, Z1, Z1 ; \
	MUL    CE, Z5, Z2 ; \
	MUL    CE2, Z6, Z7 ; \
	VADDPD Z7, Z2, Z2

#define COND2512 COND2K(VMULPD.BCST, fusedK_C(BX), fusedK_C2(BX), fusedK_CE(BX), fusedK_CE2(BX))
#define COND2R512 COND2K(VMULPD, Z20, Z23, Z24, Z25)

// CONDX512 turns g (Z1), ge (Z2) into vinf = ((Base + ge) + 0)/gt in Z1
// and x = K·gt in Z2, gt = GL + g, and leaves the group (to end) when a
// lane's x is outside [+0, 700] or NaN (its bits above those of 700,
// unsigned), as lifCondExpAVX512 does: before anything of the group is
// stored. v moves to Z4 (EXPNEG512 uses Z0).
#define CONDX512 \
	VADDPD    Z1, Z15, Z1 ; \
	VADDPD    Z2, Z14, Z2 ; \
	VADDPD    Z8, Z2, Z2 ; \
	VDIVPD    Z1, Z2, Z7 ; \
	VMULPD    Z1, Z13, Z2 ; \
	VMOVAPD   Z7, Z1 ; \
	VPCMPUQ   $6, Z27, Z2, K1 ; \
	KORTESTB  K1, K1 ; \
	JNZ       end ; \
	VMOVAPD   Z0, Z4 ; \
	VMOVAPD   Z2, Z0

// CONDEXP512 is LIFCondExp's update with x in Z0, vinf in Z1 and v in Z4,
// no jump (+0): v ← vinf + (v - vinf)·e^{-x} + 0, in Z0.
#define CONDEXP512 \
	EXPNEG512(AX) ; \
	VSUBPD  Z1, Z4, Z0 ; \
	VMULPD  Z7, Z0, Z0 ; \
	VADDPD  Z0, Z1, Z0 ; \
	VADDPD  Z8, Z0, Z0

// CONDEULER512 is LIFCondEuler's update of v (Z0) with g in Z1 and ge in
// Z2, no current and no jump (+0 each):
// v ← v + (K·(((Base - (GL + g)·v) + ge) + 0) + 0), with the first + 0
// left out: it only turns -0 into +0, K·z keeps the sign of a zero z, and
// the second + 0 turns K·(-0) into +0 too (K·(±0) is NaN for an infinite
// K, either way).
#define CONDEULER512 \
	VADDPD  Z1, Z15, Z1 ; \
	VMULPD  Z0, Z1, Z1 ; \
	VSUBPD  Z1, Z14, Z1 ; \
	VADDPD  Z2, Z1, Z1 ; \
	VMULPD  Z1, Z13, Z1 ; \
	VADDPD  Z8, Z1, Z1 ; \
	VADDPD  Z1, Z0, Z0

// CONDSTART512 loads the constants of the conductance kernels.
#define CONDSTART512 \
	MOVQ c+0(FP), AX ; \
	VBROADCASTSD LIF_GL(AX), Z15 ; \
	VBROADCASTSD LIF_Base(AX), Z14 ; \
	VBROADCASTSD LIF_K(AX), Z13 ; \
	ARGS512

// func fusedCondExp1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64) (done int)
TEXT ·fusedCondExp1AVX512(SB), NOSPLIT, $0-72
	CONDSTART512
	LEAQ ·expC(SB), AX
	EXPSTART512(AX)
	ARGS1

loop:
	LOAD1(Z24)
	COND1512
	CONDX512
	PROP(Z5, Z24, fusedK_A, fusedK_B)
	STORE1
	CONDEXP512
	SETTLE512
	FIN512
	NEXT512

end:
	FINEND512
	FLUSH512
	MOVQ CX, done+64(FP)
	RET

// func fusedCondExp2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64) (done int)
TEXT ·fusedCondExp2AVX512(SB), NOSPLIT, $0-88
	CONDSTART512
	LEAQ ·expC(SB), AX
	EXPSTART512(AX)
	ARGS2

loop:
	LOAD2(Z24, Z25)
	COND2512
	CONDX512
	PROP(Z5, Z24, fusedK_A, fusedK_B)
	PROP(Z6, Z25, fusedK_A2, fusedK_B2)
	STORE2
	CONDEXP512
	SETTLE512
	FIN512
	NEXT512

end:
	FINEND512
	FLUSH512
	MOVQ CX, done+80(FP)
	RET

// func fusedCondEuler1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCondEuler1AVX512(SB), NOSPLIT, $0-64
	CONDSTART512
	KREG512
	ARGS1

loop:
	LOAD1(Z16)
	VMULPD Z20, Z5, Z1
	VMULPD Z24, Z5, Z2
	PROPR1
	CONDEULER512
	STORE1
	SETTLE512
	FIN512
	NEXT512

end:
	FINEND512
	FLUSH512
	RET

// func fusedCondEuler2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCondEuler2AVX512(SB), NOSPLIT, $0-80
	CONDSTART512
	KREG512
	ARGS2

loop:
	LOAD2(Z16, Z17)
	COND2R512
	PROPR2
	CONDEULER512
	STORE2
	SETTLE512
	FIN512
	NEXT512

end:
	FINEND512
	FLUSH512
	RET

// The count kernels (fusedcounts_amd64.go): the kernels above with the
// slots r, r2 held as counts, a byte per neuron. A group's counts are
// looked up in the first eight entries of the receptor's CountTable
// (fusedK.T, T2: VPERMPD reads the index's low three bits) and cleared by
// one 8-byte store each; a group with a count of 8 or more is left to the
// caller (CWIDE1, CWIDE2: to end, before anything of it is loaded). R14,
// free until SETTLE512, holds the test.

// CWIDE1 and CWIDE2 leave the group when a count of its one or two
// receptors is 8 or more.
#define CWIDE1 \
	MOVQ (R11)(CX*1), R14 ; \
	ANDQ fusedK_Wide(BX), R14 ; \
	JNZ  end

#define CWIDE2 \
	MOVQ (R11)(CX*1), R14 ; \
	ORQ  (R13)(CX*1), R14 ; \
	ANDQ fusedK_Wide(BX), R14 ; \
	JNZ  end

// CSLOT sets q to the slot values of the counts at P: T(BX)[count].
#define CSLOT(P, T, q) \
	VPMOVZXBQ (P)(CX*1), q ; \
	VPERMPD   T(BX), q, q

// LOADC1 and LOADC2 are LOAD1 and LOAD2 with the slots from the counts.
#define LOADC1(q) \
	VMOVUPD (R10)(CX*8), Z5 ; \
	CSLOT(R11, fusedK_T, q) ; \
	VMOVUPD (SI)(CX*8), Z0 ; \
	LOADREF512

#define LOADC2(q, q2) \
	LOADC1(q) ; \
	VMOVUPD (R12)(CX*8), Z6 ; \
	CSLOT(R13, fusedK_T2, q2)

// STOREC1 and STOREC2 are STORE1 and STORE2 clearing the counts.
#define STOREC1 \
	VMOVUPD Z5, (R10)(CX*8) ; \
	MOVQ    $0, (R11)(CX*1)

#define STOREC2 \
	STOREC1 ; \
	VMOVUPD Z6, (R12)(CX*8) ; \
	MOVQ    $0, (R13)(CX*1)

// COUNTSTAIL512 ends a count kernel's group (threshold, finiteness,
// spike bits, loop) and the kernel (its end label, to store done after).
#define COUNTSTAIL512 \
	SETTLE512 ; \
	FIN512 ; \
	NEXT512 ; \
end: \
	FINEND512 ; \
	FLUSH512

// CURCOUNTS512 is the body of a current count kernel, up to storing done:
// ARGS the receptors' arguments (ARGS1, ARGS2), WIDE, LOAD, STORE their
// count macros, CUR and EXACT the input and the update of v.
#define CURCOUNTS512(ARGS, WIDE, LOAD, CUR, EXACT, STORE) \
	CURSTART512 ; \
	ARGS ; \
loop: \
	WIDE ; \
	LOAD ; \
	CUR ; \
	EXACT ; \
	STORE ; \
	COUNTSTAIL512

// func fusedCurrExactC1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCurrExactC1AVX512(SB), NOSPLIT, $0-72
	CURCOUNTS512(ARGS1, CWIDE1, LOADC1(Z16), CUR1512, CURREXACT512, STOREC1)
	MOVQ CX, done+64(FP)
	RET

// func fusedCurrExactC2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCurrExactC2AVX512(SB), NOSPLIT, $0-88
	CURCOUNTS512(ARGS2, CWIDE2, LOADC2(Z16, Z17), CUR2512, CURREXACT512, STOREC2)
	MOVQ CX, done+80(FP)
	RET

// The unit count kernels: the current count kernels for receptors whose
// B is 1 and a LIF whose IOffset is ±0 (fusedCountsAsm picks them). They
// leave out the products B·q, which change no bits: 1·q differs from q
// only when q is a signalling NaN, and x + q quiets it just as x + 1·q
// does (x86 returns the first operand's NaN, x's, when both are NaNs);
// and the addition of IOffset: -0 changes no bits, +0 only the sign of a
// zero input, and with it that of (in + IOffset)·R, which then changes
// nothing (as the + 0 of the jump above: VRest -0 runs the generic
// kernel).

// CUR1U512 and CUR2U512 are CUR1512 and CUR2512 with B (and B2) 1.
#define CUR1U512 \
	VMULPD Z20, Z5, Z1 ; \
	UPROPR1

#define CUR2U512 \
	VMULPD Z20, Z5, Z1 ; \
	VMULPD Z23, Z6, Z2 ; \
	VADDPD Z2, Z1, Z1 ; \
	UPROPR2

// CURREXACTU512 is CURREXACT512 with IOffset ±0.
#define CURREXACTU512 \
	VSUBPD  Z15, Z0, Z0 ; \
	VMULPD  Z14, Z0, Z0 ; \
	VADDPD  Z0, Z15, Z0 ; \
	VMULPD  Z4, Z1, Z1 ; \
	VADDPD  Z1, Z0, Z0

// func fusedCurrExactC1UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCurrExactC1UAVX512(SB), NOSPLIT, $0-72
	CURCOUNTS512(ARGS1, CWIDE1, LOADC1(Z16), CUR1U512, CURREXACTU512, STOREC1)
	MOVQ CX, done+64(FP)
	RET

// func fusedCurrExactC2UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCurrExactC2UAVX512(SB), NOSPLIT, $0-88
	CURCOUNTS512(ARGS2, CWIDE2, LOADC2(Z16, Z17), CUR2U512, CURREXACTU512, STOREC2)
	MOVQ CX, done+80(FP)
	RET

// CONDEXPCOUNTS512 and CONDEULERCOUNTS512 are the bodies of the
// conductance count kernels, up to storing done: ARGS the receptors'
// arguments (ARGS1, ARGS2), WIDE, LOAD, STORE their count macros, COND
// the conductances g (Z1) and ge (Z2), PROPS the receptors' propagation.
#define CONDEXPCOUNTS512(ARGS, WIDE, LOAD, COND, PROPS, STORE) \
	CONDSTART512 ; \
	LEAQ ·expC(SB), AX ; \
	EXPSTART512(AX) ; \
	ARGS ; \
loop: \
	WIDE ; \
	LOAD ; \
	COND ; \
	CONDX512 ; \
	PROPS ; \
	STORE ; \
	CONDEXP512 ; \
	COUNTSTAIL512

#define CONDEULERCOUNTS512(ARGS, WIDE, LOAD, COND, PROPS, STORE) \
	CONDSTART512 ; \
	KREG512 ; \
	ARGS ; \
loop: \
	WIDE ; \
	LOAD ; \
	COND ; \
	PROPS ; \
	CONDEULER512 ; \
	STORE ; \
	COUNTSTAIL512

// The CondExp kernels' propagation (coefficients from memory, slots in
// Z24, Z25) and the CondEuler kernels' conductances (coefficients in
// registers: KREG512; their propagation is PROPR1, PROPR2).
#define EXPPROP1 PROP(Z5, Z24, fusedK_A, fusedK_B)
#define EXPPROP2 EXPPROP1 ; PROP(Z6, Z25, fusedK_A2, fusedK_B2)

#define EULERCOND1 \
	VMULPD Z20, Z5, Z1 ; \
	VMULPD Z24, Z5, Z2


// func fusedCondExpC1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondExpC1AVX512(SB), NOSPLIT, $0-72
	CONDEXPCOUNTS512(ARGS1, CWIDE1, LOADC1(Z24), COND1512, EXPPROP1, STOREC1)
	MOVQ CX, done+64(FP)
	RET

// func fusedCondExpC2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondExpC2AVX512(SB), NOSPLIT, $0-88
	CONDEXPCOUNTS512(ARGS2, CWIDE2, LOADC2(Z24, Z25), COND2512, EXPPROP2, STOREC2)
	MOVQ CX, done+80(FP)
	RET

// func fusedCondEulerC1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondEulerC1AVX512(SB), NOSPLIT, $0-72
	CONDEULERCOUNTS512(ARGS1, CWIDE1, LOADC1(Z16), EULERCOND1, PROPR1, STOREC1)
	MOVQ CX, done+64(FP)
	RET

// func fusedCondEulerC2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondEulerC2AVX512(SB), NOSPLIT, $0-88
	CONDEULERCOUNTS512(ARGS2, CWIDE2, LOADC2(Z16, Z17), COND2R512, PROPR2, STOREC2)
	MOVQ CX, done+80(FP)
	RET

// The unit conductance count kernels: the conductance count kernels for
// receptors whose B and C are 1 (fusedCountsAsm picks them). They leave
// out the products B·q and C·x, which change no bits: each differs from
// its operand only for a signalling NaN, which the addition that follows
// quiets either way (x86 returns the first operand's NaN, the same one in
// both, when both are NaNs): x + q in the propagation, and GL + g, with g
// = x (one receptor) or x + y (two). CE·x stays: CE is 0 for a reversal
// potential of 0, and 0·x is NaN for an infinite x.

// UCOND1 and UCOND2 are COND1512 and COND2K with C (and C2) 1, MUL and
// CE, CE2 as there.
#define UCOND1(MUL, CE) \
	VMOVAPD Z5, Z1 ; \
	MUL     CE, Z5, Z2

#define UCOND2(MUL, CE, CE2) \
	VADDPD Z6, Z5, Z1 ; \
	MUL    CE, Z5, Z2 ; \
	MUL    CE2, Z6, Z7 ; \
	VADDPD Z7, Z2, Z2

#define UEXPPROP1 \
	VMULPD.BCST fusedK_A(BX), Z5, Z5 ; \
	VADDPD      Z24, Z5, Z5

#define UEXPPROP2 \
	UEXPPROP1 ; \
	VMULPD.BCST fusedK_A2(BX), Z6, Z6 ; \
	VADDPD      Z25, Z6, Z6

// func fusedCondExpC1UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondExpC1UAVX512(SB), NOSPLIT, $0-72
	CONDEXPCOUNTS512(ARGS1, CWIDE1, LOADC1(Z24), UCOND1(VMULPD.BCST, fusedK_CE(BX)), UEXPPROP1, STOREC1)
	MOVQ CX, done+64(FP)
	RET

// func fusedCondExpC2UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondExpC2UAVX512(SB), NOSPLIT, $0-88
	CONDEXPCOUNTS512(ARGS2, CWIDE2, LOADC2(Z24, Z25), UCOND2(VMULPD.BCST, fusedK_CE(BX), fusedK_CE2(BX)), UEXPPROP2, STOREC2)
	MOVQ CX, done+80(FP)
	RET

// func fusedCondEulerC1UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondEulerC1UAVX512(SB), NOSPLIT, $0-72
	CONDEULERCOUNTS512(ARGS1, CWIDE1, LOADC1(Z16), UCOND1(VMULPD, Z24), UPROPR1, STOREC1)
	MOVQ CX, done+64(FP)
	RET

// func fusedCondEulerC2UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)
TEXT ·fusedCondEulerC2UAVX512(SB), NOSPLIT, $0-88
	CONDEULERCOUNTS512(ARGS2, CWIDE2, LOADC2(Z16, Z17), UCOND2(VMULPD, Z24, Z25), UPROPR2, STOREC2)
	MOVQ CX, done+80(FP)
	RET
