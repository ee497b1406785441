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
