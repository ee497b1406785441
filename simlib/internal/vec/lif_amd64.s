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

#include "lif_amd64.h"

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
	VPCMPGTQ  ·expC+expConsts_max(SB), Y0, Y2
	VPOR      Y0, Y2, Y2
	VMOVMSKPD Y2, AX
	TESTQ     AX, AX
	JNZ       end
	LOADREF

	EXPNEG // e = e^{-x}, as ExpNeg

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

