// The threshold, reset and loop macros of the AVX-512 LIF kernels
// (lif512_amd64.s) and the AVX-512 fused receptor and LIF kernels
// (fused512_amd64.s), and ExpNeg eight lanes at a time; the registers are
// those listed in lif512_amd64.s.

#ifndef GE_OQ
#define GE_OQ $0x1d
#endif

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

// EXPNEG512 leaves e = e^{-x} in Z7 for x in Z0 (every lane in [+0,
// 700]), by ExpNeg's steps (see EXPNEG in lif_amd64.h), with E holding
// &expC, expTable in Z16-Z23, Z28 -0, Z29 64/ln2, Z30 the rounding shift
// and Z31 16 (int64): bits 0-3 of k pick an entry of each sixteen of the table
// (VPERMI2PD reads no other bits), bits 4 and 5 the sixteen. It uses Z0,
// Z2, Z5, Z6, Z24-Z26, K2 and K3.
#define EXPNEG512(E) \
	VXORPD     Z28, Z0, Z0 ; \
	VMULPD     Z29, Z0, Z2 ; \
	VADDPD     Z30, Z2, Z2 ; \
	VSUBPD     Z30, Z2, Z5 ; \
	VPSUBQ     Z30, Z2, Z2 ; \
	VMULPD.BCST expConsts_ln2Hi(E), Z5, Z6 ; \
	VSUBPD     Z6, Z0, Z6 ; \
	VMULPD.BCST expConsts_ln2Lo(E), Z5, Z5 ; \
	VSUBPD     Z5, Z6, Z6 ; \
	VMULPD.BCST expConsts_c120(E), Z6, Z5 ; \
	VADDPD.BCST expConsts_c24(E), Z5, Z5 ; \
	VMULPD     Z5, Z6, Z5 ; \
	VADDPD.BCST expConsts_c6(E), Z5, Z5 ; \
	VMULPD     Z5, Z6, Z5 ; \
	VADDPD.BCST expConsts_c2(E), Z5, Z5 ; \
	VMULPD     Z5, Z6, Z5 ; \
	VADDPD.BCST expConsts_one(E), Z5, Z5 ; \
	VMULPD     Z5, Z6, Z5 ; \
	VADDPD.BCST expConsts_one(E), Z5, Z5 ; \
	VPADDQ.BCST expConsts_bias(E), Z2, Z7 ; \
	VPSRLQ     $6, Z7, Z7 ; \
	VPSLLQ     $52, Z7, Z7 ; \
	VPTESTMQ    Z31, Z2, K2 ; \
	VPTESTMQ.BCST ·exp512C+exp512Consts_bit5(SB), Z2, K3 ; \
	VMOVDQA64   Z2, Z24 ; \
	VPERMI2PD   Z17, Z16, Z24 ; \
	VMOVDQA64   Z2, Z25 ; \
	VPERMI2PD   Z19, Z18, Z25 ; \
	VMOVDQA64   Z2, Z26 ; \
	VPERMI2PD   Z21, Z20, Z26 ; \
	VPERMI2PD   Z23, Z22, Z2 ; \
	VBLENDMPD   Z25, Z24, K2, Z24 ; \
	VBLENDMPD   Z2, Z26, K2, Z26 ; \
	VBLENDMPD   Z26, Z24, K3, Z24 ; \
	VMULPD      Z24, Z7, Z7 ; \
	VMULPD      Z5, Z7, Z7

// EXPSTART512 loads the constants of EXPNEG512 (E holding &expC) and
// Z27, the bits of 700 (the polynomial's range).
#define EXPSTART512(E) \
	VPBROADCASTQ expConsts_max(E), Z27 ; \
	VPBROADCASTQ expConsts_sign(E), Z28 ; \
	VBROADCASTSD expConsts_invLn2x64(E), Z29 ; \
	VBROADCASTSD expConsts_shift(E), Z30 ; \
	VPBROADCASTQ ·exp512C+exp512Consts_bit4(SB), Z31 ; \
	VMOVUPD      ·expTable+0(SB), Z16 ; \
	VMOVUPD      ·expTable+64(SB), Z17 ; \
	VMOVUPD      ·expTable+128(SB), Z18 ; \
	VMOVUPD      ·expTable+192(SB), Z19 ; \
	VMOVUPD      ·expTable+256(SB), Z20 ; \
	VMOVUPD      ·expTable+320(SB), Z21 ; \
	VMOVUPD      ·expTable+384(SB), Z22 ; \
	VMOVUPD      ·expTable+448(SB), Z23
