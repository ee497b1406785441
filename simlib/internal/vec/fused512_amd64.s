//go:build amd64 && !purego

#include "textflag.h"
#include "go_asm.h"

// The fused receptor and LIF kernels (fused.go) eight neurons at a time,
// with AVX-512 F, DQ and VL: lane by lane the IEEE operations of the
// generic kernel in the same order, as their AVX2 twins (fused_amd64.s),
// no fused multiply-add. The threshold, loop and ExpNeg macros and their
// registers are those of lif512_amd64.s (lif512_amd64.h); besides, BX is
// the fusedK (its coefficients broadcast from memory), R10 s, R11 r, R12
// s2, R13 r2, and in the CondExp kernels AX &expC.

#include "lif512_amd64.h"

// STATE512 propagates the state x (a register, overwritten) of the
// receptor at s, r with coefficients A, B (fusedK fields):
// (s) ← A·x + B·(r), (r) ← 0. It uses Z7.
#define STATE512(x, s, r, A, B) \
	VMOVUPD     (r)(CX*8), Z7 ; \
	VMULPD.BCST B(BX), Z7, Z7 ; \
	VMULPD.BCST A(BX), x, x ; \
	VADDPD      Z7, x, x ; \
	VMOVUPD     x, (s)(CX*8) ; \
	VMOVUPD     Z8, (r)(CX*8)

// CUR1512 leaves in Z1 the input of one current receptor, 0 + C·x, with x
// (from R10) in Z5, and propagates it.
#define CUR1512 \
	VMOVUPD     (R10)(CX*8), Z5 ; \
	VMULPD.BCST fusedK_C(BX), Z5, Z1 ; \
	VADDPD      Z1, Z8, Z1 ; \
	STATE512(Z5, R10, R11, fusedK_A, fusedK_B)

// CUR2512 leaves in Z1 the input of two, (0 + C·x) + C2·y, and propagates
// both.
#define CUR2512 \
	VMOVUPD     (R10)(CX*8), Z5 ; \
	VMOVUPD     (R12)(CX*8), Z6 ; \
	VMULPD.BCST fusedK_C(BX), Z5, Z1 ; \
	VADDPD      Z1, Z8, Z1 ; \
	VMULPD.BCST fusedK_C2(BX), Z6, Z2 ; \
	VADDPD      Z2, Z1, Z1 ; \
	STATE512(Z5, R10, R11, fusedK_A, fusedK_B) ; \
	STATE512(Z6, R12, R13, fusedK_A2, fusedK_B2)

// CURREXACT512 is LIFCurrExact's update on the input in Z1, with no jump
// (+0), then the threshold: VRest + (v - VRest)·Prop + (in + IOffset)·R + 0
// (R in Z4).
#define CURREXACT512 \
	LOADREF512 ; \
	VMOVUPD (SI)(CX*8), Z0 ; \
	VSUBPD  Z15, Z0, Z0 ; \
	VMULPD  Z14, Z0, Z0 ; \
	VADDPD  Z0, Z15, Z0 ; \
	VADDPD  Z13, Z1, Z1 ; \
	VMULPD  Z4, Z1, Z1 ; \
	VADDPD  Z1, Z0, Z0 ; \
	VADDPD  Z8, Z0, Z0 ; \
	SETTLE512

// ARGS512 loads the LIF's threshold constants and the pointers of the
// neurons and of the first receptor.
#define ARGS512 \
	COMMON512 ; \
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
	ARGS512

// func fusedCurrExact1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCurrExact1AVX512(SB), NOSPLIT, $0-64
	CURSTART512
	MOVQ n+48(FP), DX
	MOVQ masks+56(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	CUR1512
	CURREXACT512
	NEXT512

end:
	FLUSH512
	RET

// func fusedCurrExact2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCurrExact2AVX512(SB), NOSPLIT, $0-80
	CURSTART512
	MOVQ s2+48(FP), R12
	MOVQ r2+56(FP), R13
	MOVQ n+64(FP), DX
	MOVQ masks+72(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	CUR2512
	CURREXACT512
	NEXT512

end:
	FLUSH512
	RET

// COND1512 leaves g = C·x in Z0 and ge = CE·x in Z1, x in Z5.
#define COND1512 \
	VMOVUPD     (R10)(CX*8), Z5 ; \
	VMULPD.BCST fusedK_C(BX), Z5, Z0 ; \
	VMULPD.BCST fusedK_CE(BX), Z5, Z1

// COND2512 leaves g = C·x + C2·y in Z0 and ge = CE·x + CE2·y in Z1, x in
// Z5, y in Z6.
#define COND2512 \
	VMOVUPD     (R10)(CX*8), Z5 ; \
	VMOVUPD     (R12)(CX*8), Z6 ; \
	VMULPD.BCST fusedK_C(BX), Z5, Z0 ; \
	VMULPD.BCST fusedK_C2(BX), Z6, Z1 ; \
	VADDPD      Z1, Z0, Z0 ; \
	VMULPD.BCST fusedK_CE(BX), Z5, Z1 ; \
	VMULPD.BCST fusedK_CE2(BX), Z6, Z2 ; \
	VADDPD      Z2, Z1, Z1

// CONDX512 turns g (Z0), ge (Z1) into vinf = ((Base + ge) + 0)/gt in Z1
// and x = K·gt in Z0, gt = GL + g, and leaves the group (to end) when a
// lane's x is outside [+0, 700] or NaN (its bits above those of 700,
// unsigned), as lifCondExpAVX512 does: before anything of the group is
// stored.
#define CONDX512 \
	VADDPD   Z0, Z15, Z0 ; \
	VADDPD   Z1, Z14, Z1 ; \
	VADDPD   Z8, Z1, Z1 ; \
	VDIVPD   Z0, Z1, Z1 ; \
	VMULPD   Z0, Z13, Z0 ; \
	VPCMPUQ  $6, Z27, Z0, K1 ; \
	KORTESTB K1, K1 ; \
	JNZ      end

// CONDEXP512 is LIFCondExp's update with x in Z0 and vinf in Z1, no jump
// (+0), then the threshold: v ← vinf + (v - vinf)·e^{-x} + 0.
#define CONDEXP512 \
	LOADREF512 ; \
	EXPNEG512(AX) ; \
	VMOVUPD (SI)(CX*8), Z0 ; \
	VSUBPD  Z1, Z0, Z0 ; \
	VMULPD  Z7, Z0, Z0 ; \
	VADDPD  Z0, Z1, Z0 ; \
	VADDPD  Z8, Z0, Z0 ; \
	SETTLE512

// CONDEULER512 is LIFCondEuler's update with g in Z0 and ge in Z1, no
// current and no jump (+0 each), then the threshold:
// v ← v + (K·(((Base - (GL + g)·v) + ge) + 0) + 0).
#define CONDEULER512 \
	LOADREF512 ; \
	VMOVUPD (SI)(CX*8), Z6 ; \
	VADDPD  Z0, Z15, Z2 ; \
	VMULPD  Z6, Z2, Z2 ; \
	VSUBPD  Z2, Z14, Z2 ; \
	VADDPD  Z1, Z2, Z2 ; \
	VADDPD  Z8, Z2, Z2 ; \
	VMULPD  Z2, Z13, Z2 ; \
	VADDPD  Z8, Z2, Z2 ; \
	VADDPD  Z2, Z6, Z0 ; \
	SETTLE512

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
	MOVQ n+48(FP), DX
	MOVQ masks+56(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	COND1512
	CONDX512
	STATE512(Z5, R10, R11, fusedK_A, fusedK_B)
	CONDEXP512
	NEXT512

end:
	FLUSH512
	MOVQ CX, done+64(FP)
	RET

// func fusedCondExp2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64) (done int)
TEXT ·fusedCondExp2AVX512(SB), NOSPLIT, $0-88
	CONDSTART512
	LEAQ ·expC(SB), AX
	EXPSTART512(AX)
	MOVQ s2+48(FP), R12
	MOVQ r2+56(FP), R13
	MOVQ n+64(FP), DX
	MOVQ masks+72(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	COND2512
	CONDX512
	STATE512(Z5, R10, R11, fusedK_A, fusedK_B)
	STATE512(Z6, R12, R13, fusedK_A2, fusedK_B2)
	CONDEXP512
	NEXT512

end:
	FLUSH512
	MOVQ CX, done+80(FP)
	RET

// func fusedCondEuler1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)
TEXT ·fusedCondEuler1AVX512(SB), NOSPLIT, $0-64
	CONDSTART512
	MOVQ n+48(FP), DX
	MOVQ masks+56(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	COND1512
	STATE512(Z5, R10, R11, fusedK_A, fusedK_B)
	CONDEULER512
	NEXT512

end:
	FLUSH512
	RET

// func fusedCondEuler2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)
TEXT ·fusedCondEuler2AVX512(SB), NOSPLIT, $0-80
	CONDSTART512
	MOVQ s2+48(FP), R12
	MOVQ r2+56(FP), R13
	MOVQ n+64(FP), DX
	MOVQ masks+72(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	COND2512
	STATE512(Z5, R10, R11, fusedK_A, fusedK_B)
	STATE512(Z6, R12, R13, fusedK_A2, fusedK_B2)
	CONDEULER512
	NEXT512

end:
	FLUSH512
	RET
