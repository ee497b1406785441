//go:build amd64 && !purego

#include "textflag.h"
#include "go_asm.h"

// The LIF kernels eight neurons (float64 lanes) at a time, with AVX-512 F,
// DQ and VL. Lane by lane each performs the IEEE operations of its generic
// kernel (lif.go) in the same order, as its AVX2 twin (lif_amd64.s) does;
// no fused multiply-add. What changes is the machinery around them: in
// lifCondExpAVX512 the 64
// entries of expTable sit in Z16-Z23 and are read by four two-source
// permutes (VPERMI2PD uses bits 0-3 of each index) and blends on bits 4
// and 5; the range check, the refractory clamp and the threshold are
// k-masks; the refractory counters stay int32 (Y registers, AVX-512 VL).
// Go's operand order, as in lif_amd64.s: "VBLENDMPD B, A, K, D" is
// D = K ? B : A, "VPCMPGTD B, A, K" is K = A > B, "KANDNB B, A, K" is
// K = ~A & B, "VPERMI2PD T1, T0, D" is D = (T0:T1)[D&15].
//
// Registers shared by the kernels:
//   CX index of the first neuron of the group, DX n, SI v, DI ref,
//   R8 masks, R9 the spike mask word being filled, R14 spike bits
//   Z12 Th, Z11 VReset, Y10 NRef (int32), Y9 -1 (int32), Y8 zero,
//   Y3 ref of the group, K4 its clamped lanes (ref > 0)
// and in lifCondExpAVX512: BX &expC, AX &exp512C, Z16-Z23 expTable,
//   Z27 the bits of 700, Z28 -0, Z29 64/ln2, Z30 the rounding shift,
//   Z31 16 (int64).

#include "lif512_amd64.h"

// func lifCondExpAVX512(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64) (done int)
TEXT ·lifCondExpAVX512(SB), NOSPLIT, $0-80
	MOVQ         c+0(FP), AX
	VBROADCASTSD LIF_GL(AX), Z15
	VBROADCASTSD LIF_Base(AX), Z14
	VBROADCASTSD LIF_K(AX), Z13
	COMMON512
	LEAQ         ·expC(SB), BX
	EXPSTART512(BX)
	ARGSCOND

loop:
	VADDPD (R10)(CX*8), Z15, Z0 // gt = GL + g
	VADDPD (R11)(CX*8), Z14, Z1 // Base + ge
	VADDPD (R12)(CX*8), Z1, Z1  // + in
	VDIVPD Z0, Z1, Z1           // vinf = (...) / gt
	VMULPD Z0, Z13, Z0          // x = K·gt

	// A lane with x outside [+0, 700] or NaN: stop before this group. As
	// unsigned integers the bits of x exceed those of 700 for x > 700,
	// +Inf, NaN and every x with the sign bit set (x < 0, -0).
	VPCMPUQ  $6, Z27, Z0, K1 // bits(x) > bits(700), unsigned
	KORTESTB K1, K1
	JNZ      end

	LOADREF512

	EXPNEG512(BX)

	VMOVUPD (SI)(CX*8), Z0
	VSUBPD  Z1, Z0, Z0          // v - vinf
	VMULPD  Z7, Z0, Z0          // ·e
	VADDPD  Z0, Z1, Z0          // vinf + ...
	VADDPD  (R13)(CX*8), Z0, Z0 // + j

	SETTLE512
	NEXT512

end:
	FLUSH512
	MOVQ CX, done+72(FP)
	RET

// func lifCondEulerAVX512(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64)
TEXT ·lifCondEulerAVX512(SB), NOSPLIT, $0-72
	MOVQ c+0(FP), AX
	VBROADCASTSD LIF_GL(AX), Z15
	VBROADCASTSD LIF_Base(AX), Z14
	VBROADCASTSD LIF_K(AX), Z13
	COMMON512
	ARGSCOND

loop:
	LOADREF512
	VMOVUPD (SI)(CX*8), Z6
	VADDPD  (R10)(CX*8), Z15, Z1 // GL + g
	VMULPD  Z6, Z1, Z1           // ·v
	VSUBPD  Z1, Z14, Z1          // Base - ...
	VADDPD  (R11)(CX*8), Z1, Z1  // + ge
	VADDPD  (R12)(CX*8), Z1, Z1  // + in
	VMULPD  Z1, Z13, Z1          // K·(...)
	VADDPD  (R13)(CX*8), Z1, Z1  // + j
	VADDPD  Z1, Z6, Z0           // v + (...)
	SETTLE512
	NEXT512

end:
	FLUSH512
	RET

// func lifCurrExactAVX512(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)
TEXT ·lifCurrExactAVX512(SB), NOSPLIT, $0-56
	MOVQ c+0(FP), AX
	VBROADCASTSD LIF_VRest(AX), Z15
	VBROADCASTSD LIF_Prop(AX), Z14
	VBROADCASTSD LIF_IOffset(AX), Z13
	VBROADCASTSD LIF_R(AX), Z7
	COMMON512
	ARGSCURR

loop:
	LOADREF512
	VMOVUPD (SI)(CX*8), Z0
	VSUBPD  Z15, Z0, Z0         // v - VRest
	VMULPD  Z14, Z0, Z0         // ·Prop
	VADDPD  Z0, Z15, Z0         // VRest + ...
	VMOVUPD (R12)(CX*8), Z1
	VADDPD  Z13, Z1, Z1         // in + IOffset
	VMULPD  Z7, Z1, Z1          // ·R
	VADDPD  Z1, Z0, Z0
	VADDPD  (R13)(CX*8), Z0, Z0 // + j
	SETTLE512
	NEXT512

end:
	FLUSH512
	RET

// func lifCurrEulerAVX512(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)
TEXT ·lifCurrEulerAVX512(SB), NOSPLIT, $0-56
	MOVQ c+0(FP), AX
	VBROADCASTSD LIF_GL(AX), Z15
	VBROADCASTSD LIF_Base(AX), Z14
	VBROADCASTSD LIF_K(AX), Z13
	COMMON512
	ARGSCURR

loop:
	LOADREF512
	VMOVUPD (SI)(CX*8), Z6
	VMULPD  Z6, Z15, Z1         // GL·v
	VSUBPD  Z1, Z14, Z1         // Base - ...
	VADDPD  (R12)(CX*8), Z1, Z1 // + in
	VMULPD  Z1, Z13, Z1         // K·(...)
	VADDPD  (R13)(CX*8), Z1, Z1 // + j
	VADDPD  Z1, Z6, Z0          // v + (...)
	SETTLE512
	NEXT512

end:
	FLUSH512
	RET
