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

#define GE_OQ $0x1d

// COMMON512 loads the constants of the threshold and reset from the LIF
// at AX.
#define COMMON512 \
	VBROADCASTSD LIF_Th(AX), Z12 ; \
	VBROADCASTSD LIF_VReset(AX), Z11 ; \
	VPBROADCASTD LIF_NRef(AX), Y10 ; \
	VPTERNLOGD   $0xff, Y9, Y9, Y9 ; \
	VPXORD       Y8, Y8, Y8 ; \
	XORQ         R9, R9 ; \
	XORQ         CX, CX

// ARGSCOND and ARGSCURR load the pointers and n of a conductance-based
// and a current-based kernel, and skip to end when n is 0.
#define ARGSCOND \
	MOVQ v+8(FP), SI ; \
	MOVQ ref+16(FP), DI ; \
	MOVQ gsyn+24(FP), R10 ; \
	MOVQ ge+32(FP), R11 ; \
	MOVQ in+40(FP), R12 ; \
	MOVQ j+48(FP), R13 ; \
	MOVQ n+56(FP), DX ; \
	MOVQ masks+64(FP), R8 ; \
	CMPQ CX, DX ; \
	JGE  end

#define ARGSCURR \
	MOVQ v+8(FP), SI ; \
	MOVQ ref+16(FP), DI ; \
	MOVQ in+24(FP), R12 ; \
	MOVQ j+32(FP), R13 ; \
	MOVQ n+40(FP), DX ; \
	MOVQ masks+48(FP), R8 ; \
	CMPQ CX, DX ; \
	JGE  end

// LOADREF512: Y3 = ref, K4 = ref > 0.
#define LOADREF512 \
	VMOVDQU32 (DI)(CX*4), Y3 ; \
	VPCMPGTD  Y8, Y3, K4

// SETTLE512 stores the group's new state, given the advanced v in Z0: a
// clamped lane counts down and takes VReset; a free lane with v >= Th
// (false on NaN, as Go's >=) takes VReset and NRef and fires. The spike
// bits are left in R14.
#define SETTLE512 \
	VCMPPD    GE_OQ, Z12, Z0, K2 ; \
	KORB      K4, K2, K5 ; \
	VMOVAPD   Z11, K5, Z0 ; \
	VMOVUPD   Z0, (SI)(CX*8) ; \
	KANDNB    K2, K4, K6 ; \
	VPADDD    Y9, Y3, K4, Y3 ; \
	VMOVDQA32 Y10, K6, Y3 ; \
	VMOVDQU32 Y3, (DI)(CX*4) ; \
	KMOVB     K6, R14

// NEXT512 puts the spike bits (R14) in the mask word, stores a full word,
// and loops while neurons remain.
#define NEXT512 \
	SHLQ  CX, R14 ; \
	ORQ   R14, R9 ; \
	ADDQ  $8, CX ; \
	TESTQ $63, CX ; \
	JNZ   next ; \
	MOVQ  CX, R14 ; \
	SHRQ  $6, R14 ; \
	MOVQ  R9, -8(R8)(R14*8) ; \
	XORQ  R9, R9 ; \
next: \
	CMPQ  CX, DX ; \
	JLT   loop

// FLUSH512 stores the last mask word when it is partial.
#define FLUSH512 \
	TESTQ $63, CX ; \
	JZ    flushed ; \
	MOVQ  CX, R14 ; \
	SHRQ  $6, R14 ; \
	MOVQ  R9, (R8)(R14*8) ; \
flushed: \
	VZEROUPPER

// func lifCondExpAVX512(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64) (done int)
TEXT ·lifCondExpAVX512(SB), NOSPLIT, $0-80
	MOVQ         c+0(FP), AX
	VBROADCASTSD LIF_GL(AX), Z15
	VBROADCASTSD LIF_Base(AX), Z14
	VBROADCASTSD LIF_K(AX), Z13
	COMMON512
	LEAQ         ·expC(SB), BX
	LEAQ         ·exp512C(SB), AX
	VPBROADCASTQ expConsts_max(BX), Z27
	VPBROADCASTQ expConsts_sign(BX), Z28
	VBROADCASTSD expConsts_invLn2x64(BX), Z29
	VBROADCASTSD expConsts_shift(BX), Z30
	VPBROADCASTQ exp512Consts_bit4(AX), Z31
	VMOVUPD      ·expTable+0(SB), Z16
	VMOVUPD      ·expTable+64(SB), Z17
	VMOVUPD      ·expTable+128(SB), Z18
	VMOVUPD      ·expTable+192(SB), Z19
	VMOVUPD      ·expTable+256(SB), Z20
	VMOVUPD      ·expTable+320(SB), Z21
	VMOVUPD      ·expTable+384(SB), Z22
	VMOVUPD      ·expTable+448(SB), Z23
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

	// e = e^{-x}, as ExpNeg.
	VXORPD     Z28, Z0, Z0                             // -x
	VMULPD     Z29, Z0, Z2                             // -x·64/ln2
	VADDPD     Z30, Z2, Z2                             // + shift: the integer in the low bits
	VSUBPD     Z30, Z2, Z5                             // kf
	VPSUBQ     Z30, Z2, Z2                             // ki = int64(kf), from the bits
	VMULPD.BCST expConsts_ln2Hi(BX), Z5, Z6
	VSUBPD     Z6, Z0, Z6                              // -x - kf·ln2Hi
	VMULPD.BCST expConsts_ln2Lo(BX), Z5, Z5
	VSUBPD     Z5, Z6, Z6                              // r = (...) - kf·ln2Lo
	VMULPD.BCST expConsts_c120(BX), Z6, Z5            // r·(1/120)
	VADDPD.BCST expConsts_c24(BX), Z5, Z5
	VMULPD     Z5, Z6, Z5
	VADDPD.BCST expConsts_c6(BX), Z5, Z5
	VMULPD     Z5, Z6, Z5
	VADDPD.BCST expConsts_c2(BX), Z5, Z5
	VMULPD     Z5, Z6, Z5
	VADDPD.BCST expConsts_one(BX), Z5, Z5
	VMULPD     Z5, Z6, Z5
	VADDPD.BCST expConsts_one(BX), Z5, Z5             // q
	VPADDQ.BCST expConsts_bias(BX), Z2, Z7            // ki + 1023·64 (> 0 for x <= 700)
	VPSRLQ     $6, Z7, Z7
	VPSLLQ     $52, Z7, Z7                             // 2^(ki>>6)

	// expTable[ki&63]: bits 0-3 of ki pick an entry of each sixteen (the
	// permutes read no other bits), bits 4 and 5 the sixteen.
	VPTESTMQ    Z31, Z2, K2                             // bit 4
	VPTESTMQ.BCST exp512Consts_bit5(AX), Z2, K3         // bit 5
	VMOVDQA64   Z2, Z24
	VPERMI2PD   Z17, Z16, Z24                           // entries 0-15
	VMOVDQA64   Z2, Z25
	VPERMI2PD   Z19, Z18, Z25                           // 16-31
	VMOVDQA64   Z2, Z26
	VPERMI2PD   Z21, Z20, Z26                           // 32-47
	VPERMI2PD   Z23, Z22, Z2                            // 48-63
	VBLENDMPD   Z25, Z24, K2, Z24                       // 0-31
	VBLENDMPD   Z2, Z26, K2, Z26                        // 32-63
	VBLENDMPD   Z26, Z24, K3, Z24                       // expTable[ki&63]
	VMULPD      Z24, Z7, Z7
	VMULPD      Z5, Z7, Z7                              // e = 2^(ki>>6)·expTable[ki&63]·q

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
