//go:build amd64 && !purego

#include "textflag.h"
#include "go_asm.h"

// The LIF kernels, four neurons (float64 lanes) at a time. Each performs,
// lane by lane, the IEEE operations of its generic kernel in lif.go in the
// same order; no fused multiply-add. In the Go assembler's operand order,
// "VSUBPD B, A, D" is D = A - B, "VCMPPD $p, B, A, D" compares A with B,
// "VBLENDVPD M, B, A, D" is D = M ? B : A, "VANDNPD B, A, D" is D = ~A & B.
//
// Registers shared by the kernels:
//   CX  index of the first neuron of the group (bit position in the masks)
//   DX  n, SI v, DI ref, R8 masks, R9 the spike mask word being filled
//   Y8  VPERMD indices, Y9 zero, Y10 NRef (int64), Y11 VReset, Y12 Th
//   Y3  ref of the group as int64, Y4 its clamped lanes (ref > 0: all ones)

// The compare predicate greater-or-equal, ordered (false on NaN, as Go's
// >=), quiet.
#define GE_OQ $0x1d

// COMMON loads the constants of the threshold and reset from the LIF at AX.
#define COMMON \
	VBROADCASTSD LIF_Th(AX), Y12 ; \
	VBROADCASTSD LIF_VReset(AX), Y11 ; \
	VPBROADCASTQ LIF_NRef(AX), Y10 ; \
	VPXOR        Y9, Y9, Y9 ; \
	VMOVDQU      ·expC+expConsts_perm(SB), Y8 ; \
	XORQ         R9, R9 ; \
	XORQ         CX, CX

// LOADREF: Y3 = ref, sign-extended to int64; Y4 = Y3 > 0.
#define LOADREF \
	VPMOVSXDQ (DI)(CX*4), Y3 ; \
	VPCMPGTQ  Y9, Y3, Y4

// SETTLE stores the group's new state, given the advanced v in Y0: a
// clamped lane counts down and takes VReset; a free lane with v >= Th takes
// VReset and NRef and fires. The spike bits are left in AX.
#define SETTLE \
	VCMPPD    GE_OQ, Y12, Y0, Y2 ; \
	VORPD     Y4, Y2, Y5 ; \
	VBLENDVPD Y5, Y11, Y0, Y0 ; \
	VMOVUPD   Y0, (SI)(CX*8) ; \
	VANDNPD   Y2, Y4, Y2 ; \
	VPADDQ    Y4, Y3, Y3 ; \
	VBLENDVPD Y2, Y10, Y3, Y3 ; \
	VPERMD    Y3, Y8, Y3 ; \
	VMOVDQU   X3, (DI)(CX*4) ; \
	VMOVMSKPD Y2, AX

// NEXT puts the spike bits (AX) in the mask word, stores a full word, and
// loops while neurons remain.
#define NEXT \
	SHLQ  CX, AX ; \
	ORQ   AX, R9 ; \
	ADDQ  $4, CX ; \
	TESTQ $63, CX ; \
	JNZ   next ; \
	MOVQ  CX, AX ; \
	SHRQ  $6, AX ; \
	MOVQ  R9, -8(R8)(AX*8) ; \
	XORQ  R9, R9 ; \
next: \
	CMPQ  CX, DX ; \
	JLT   loop

// FLUSH stores the last mask word when it is partial.
#define FLUSH \
	TESTQ $63, CX ; \
	JZ    flushed ; \
	MOVQ  CX, AX ; \
	SHRQ  $6, AX ; \
	MOVQ  R9, (R8)(AX*8) ; \
flushed: \
	VZEROUPPER

// func lifCondExpAVX2(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64) (done int)
TEXT ·lifCondExpAVX2(SB), NOSPLIT, $0-80
	MOVQ c+0(FP), AX
	VBROADCASTSD LIF_GL(AX), Y15
	VBROADCASTSD LIF_Base(AX), Y14
	VBROADCASTSD LIF_K(AX), Y13
	COMMON
	MOVQ v+8(FP), SI
	MOVQ ref+16(FP), DI
	MOVQ gsyn+24(FP), R10
	MOVQ ge+32(FP), R11
	MOVQ in+40(FP), R12
	MOVQ j+48(FP), R13
	MOVQ n+56(FP), DX
	MOVQ masks+64(FP), R8
	LEAQ ·expC(SB), BX
	LEAQ ·expTable(SB), R14
	CMPQ CX, DX
	JGE  end

loop:
	VADDPD (R10)(CX*8), Y15, Y0 // gt = GL + g
	VADDPD (R11)(CX*8), Y14, Y1 // Base + ge
	VADDPD (R12)(CX*8), Y1, Y1  // + in
	VDIVPD Y0, Y1, Y1           // vinf = (...) / gt
	VMULPD Y0, Y13, Y0          // x = K·gt

	// A lane with x outside [+0, 700] or NaN: stop before this group. As
	// integers, the bits of x exceed those of 700 for x > 700, +Inf and
	// +NaN; the sign bit is set for x < 0, -0 and -NaN. (-0 and clamped
	// lanes need not stop, but the generic kernel gives the same bits.)
	VPCMPGTQ  expConsts_max(BX), Y0, Y2
	VPOR      Y0, Y2, Y2
	VMOVMSKPD Y2, AX
	TESTQ     AX, AX
	JNZ       end
	LOADREF

	// e = e^{-x}, as ExpNeg.
	VXORPD expConsts_sign(BX), Y0, Y0       // -x
	VMULPD expConsts_invLn2x64(BX), Y0, Y2  // -x·64/ln2
	VADDPD expConsts_shift(BX), Y2, Y2      // + shift: the integer in the low bits
	VSUBPD expConsts_shift(BX), Y2, Y5      // kf
	VPSUBQ expConsts_shift(BX), Y2, Y2      // ki = int64(kf), from the bits
	VMULPD expConsts_ln2Hi(BX), Y5, Y6
	VSUBPD Y6, Y0, Y6                       // -x - kf·ln2Hi
	VMULPD expConsts_ln2Lo(BX), Y5, Y5
	VSUBPD Y5, Y6, Y6                       // r = (...) - kf·ln2Lo
	VMULPD expConsts_c120(BX), Y6, Y5       // r·(1/120)
	VADDPD expConsts_c24(BX), Y5, Y5
	VMULPD Y5, Y6, Y5
	VADDPD expConsts_c6(BX), Y5, Y5
	VMULPD Y5, Y6, Y5
	VADDPD expConsts_c2(BX), Y5, Y5
	VMULPD Y5, Y6, Y5
	VADDPD expConsts_one(BX), Y5, Y5
	VMULPD Y5, Y6, Y5
	VADDPD expConsts_one(BX), Y5, Y5        // q
	VPADDQ expConsts_bias(BX), Y2, Y7       // ki + 1023·64 (> 0 for x <= 700)
	VPSRLQ $6, Y7, Y7
	VPSLLQ $52, Y7, Y7                      // 2^(ki>>6)
	VPAND  expConsts_low6(BX), Y2, Y2       // ki & 63
	VMOVQ        X2, AX                     // expTable[ki&63], lane by lane
	VPEXTRQ      $1, X2, DX                 // (scalar loads beat VGATHERQPD
	VMOVSD       (R14)(AX*8), X0            // by a few per cent on Zen 4)
	VMOVHPD      (R14)(DX*8), X0, X0
	VEXTRACTI128 $1, Y2, X2
	VMOVQ        X2, AX
	VPEXTRQ      $1, X2, DX
	VMOVSD       (R14)(AX*8), X6
	VMOVHPD      (R14)(DX*8), X6, X6
	VINSERTF128  $1, X6, Y0, Y0
	VMULPD Y0, Y7, Y7
	VMULPD Y5, Y7, Y7                       // e = 2^(ki>>6)·expTable[ki&63]·q

	VMOVUPD (SI)(CX*8), Y0
	VSUBPD  Y1, Y0, Y0         // v - vinf
	VMULPD  Y7, Y0, Y0         // ·e
	VADDPD  Y0, Y1, Y0         // vinf + ...
	VADDPD  (R13)(CX*8), Y0, Y0 // + j
	SETTLE
	MOVQ    n+56(FP), DX        // (DX held a table index)
	NEXT

end:
	FLUSH
	MOVQ CX, done+72(FP)
	RET

// func lifCondEulerAVX2(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64)
TEXT ·lifCondEulerAVX2(SB), NOSPLIT, $0-72
	MOVQ c+0(FP), AX
	VBROADCASTSD LIF_GL(AX), Y15
	VBROADCASTSD LIF_Base(AX), Y14
	VBROADCASTSD LIF_K(AX), Y13
	COMMON
	MOVQ v+8(FP), SI
	MOVQ ref+16(FP), DI
	MOVQ gsyn+24(FP), R10
	MOVQ ge+32(FP), R11
	MOVQ in+40(FP), R12
	MOVQ j+48(FP), R13
	MOVQ n+56(FP), DX
	MOVQ masks+64(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	LOADREF
	VMOVUPD (SI)(CX*8), Y6
	VADDPD  (R10)(CX*8), Y15, Y1 // GL + g
	VMULPD  Y6, Y1, Y1           // ·v
	VSUBPD  Y1, Y14, Y1          // Base - ...
	VADDPD  (R11)(CX*8), Y1, Y1  // + ge
	VADDPD  (R12)(CX*8), Y1, Y1  // + in
	VMULPD  Y1, Y13, Y1          // K·(...)
	VADDPD  (R13)(CX*8), Y1, Y1  // + j
	VADDPD  Y1, Y6, Y0           // v + (...)
	SETTLE
	NEXT

end:
	FLUSH
	RET

// func lifCurrExactAVX2(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)
TEXT ·lifCurrExactAVX2(SB), NOSPLIT, $0-56
	MOVQ c+0(FP), AX
	VBROADCASTSD LIF_VRest(AX), Y15
	VBROADCASTSD LIF_Prop(AX), Y14
	VBROADCASTSD LIF_IOffset(AX), Y13
	VBROADCASTSD LIF_R(AX), Y7
	COMMON
	MOVQ v+8(FP), SI
	MOVQ ref+16(FP), DI
	MOVQ in+24(FP), R12
	MOVQ j+32(FP), R13
	MOVQ n+40(FP), DX
	MOVQ masks+48(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	LOADREF
	VMOVUPD (SI)(CX*8), Y0
	VSUBPD  Y15, Y0, Y0         // v - VRest
	VMULPD  Y14, Y0, Y0         // ·Prop
	VADDPD  Y0, Y15, Y0         // VRest + ...
	VMOVUPD (R12)(CX*8), Y1
	VADDPD  Y13, Y1, Y1         // in + IOffset
	VMULPD  Y7, Y1, Y1          // ·R
	VADDPD  Y1, Y0, Y0
	VADDPD  (R13)(CX*8), Y0, Y0 // + j
	SETTLE
	NEXT

end:
	FLUSH
	RET

// func lifCurrEulerAVX2(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)
TEXT ·lifCurrEulerAVX2(SB), NOSPLIT, $0-56
	MOVQ c+0(FP), AX
	VBROADCASTSD LIF_GL(AX), Y15
	VBROADCASTSD LIF_Base(AX), Y14
	VBROADCASTSD LIF_K(AX), Y13
	COMMON
	MOVQ v+8(FP), SI
	MOVQ ref+16(FP), DI
	MOVQ in+24(FP), R12
	MOVQ j+32(FP), R13
	MOVQ n+40(FP), DX
	MOVQ masks+48(FP), R8
	CMPQ CX, DX
	JGE  end

loop:
	LOADREF
	VMOVUPD (SI)(CX*8), Y6
	VMULPD  Y6, Y15, Y1         // GL·v
	VSUBPD  Y1, Y14, Y1         // Base - ...
	VADDPD  (R12)(CX*8), Y1, Y1 // + in
	VMULPD  Y1, Y13, Y1         // K·(...)
	VADDPD  (R13)(CX*8), Y1, Y1 // + j
	VADDPD  Y1, Y6, Y0          // v + (...)
	SETTLE
	NEXT

end:
	FLUSH
	RET

