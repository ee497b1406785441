// The threshold, reset and loop macros of the LIF kernels (lif_amd64.s)
// and the fused receptor and LIF kernels (fused_amd64.s), with their
// registers:
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

// EXPNEG leaves e = e^{-x} in Y7 for x in Y0 (every lane in [+0, 700]),
// by ExpNeg's steps: k = round(-x·64/ln2) from the bits of -x·64/ln2 +
// 1.5·2^52, r = (-x - k·ln2Hi) - k·ln2Lo, q its degree-5 polynomial, and
// e = 2^(k>>6)·expTable[k&63]·q, the table (at R14) read lane by lane
// (scalar loads beat VGATHERQPD by a few per cent on Zen 4). It uses Y0,
// Y2, Y5, Y6, AX and DX.
#define EXPNEG \
	VXORPD ·expC+expConsts_sign(SB), Y0, Y0 ; \
	VMULPD ·expC+expConsts_invLn2x64(SB), Y0, Y2 ; \
	VADDPD ·expC+expConsts_shift(SB), Y2, Y2 ; \
	VSUBPD ·expC+expConsts_shift(SB), Y2, Y5 ; \
	VPSUBQ ·expC+expConsts_shift(SB), Y2, Y2 ; \
	VMULPD ·expC+expConsts_ln2Hi(SB), Y5, Y6 ; \
	VSUBPD Y6, Y0, Y6 ; \
	VMULPD ·expC+expConsts_ln2Lo(SB), Y5, Y5 ; \
	VSUBPD Y5, Y6, Y6 ; \
	VMULPD ·expC+expConsts_c120(SB), Y6, Y5 ; \
	VADDPD ·expC+expConsts_c24(SB), Y5, Y5 ; \
	VMULPD Y5, Y6, Y5 ; \
	VADDPD ·expC+expConsts_c6(SB), Y5, Y5 ; \
	VMULPD Y5, Y6, Y5 ; \
	VADDPD ·expC+expConsts_c2(SB), Y5, Y5 ; \
	VMULPD Y5, Y6, Y5 ; \
	VADDPD ·expC+expConsts_one(SB), Y5, Y5 ; \
	VMULPD Y5, Y6, Y5 ; \
	VADDPD ·expC+expConsts_one(SB), Y5, Y5 ; \
	VPADDQ ·expC+expConsts_bias(SB), Y2, Y7 ; \
	VPSRLQ $6, Y7, Y7 ; \
	VPSLLQ $52, Y7, Y7 ; \
	VPAND  ·expC+expConsts_low6(SB), Y2, Y2 ; \
	VMOVQ        X2, AX ; \
	VPEXTRQ      $1, X2, DX ; \
	VMOVSD       (R14)(AX*8), X0 ; \
	VMOVHPD      (R14)(DX*8), X0, X0 ; \
	VEXTRACTI128 $1, Y2, X2 ; \
	VMOVQ        X2, AX ; \
	VPEXTRQ      $1, X2, DX ; \
	VMOVSD       (R14)(AX*8), X6 ; \
	VMOVHPD      (R14)(DX*8), X6, X6 ; \
	VINSERTF128  $1, X6, Y0, Y0 ; \
	VMULPD Y0, Y7, Y7 ; \
	VMULPD Y5, Y7, Y7
