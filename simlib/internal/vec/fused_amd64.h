// The argument loading shared by the fused kernels (fused_amd64.s,
// fused512_amd64.s): ARGS1 loads n and masks of a kernel of one receptor,
// ARGS2 the second receptor's s2, r2 and n and masks of a kernel of two;
// both skip to end when n is 0.

#define ARGS1 \
	MOVQ n+48(FP), DX ; \
	MOVQ masks+56(FP), R8 ; \
	CMPQ CX, DX ; \
	JGE  end

#define ARGS2 \
	MOVQ s2+48(FP), R12 ; \
	MOVQ r2+56(FP), R13 ; \
	MOVQ n+64(FP), DX ; \
	MOVQ masks+72(FP), R8 ; \
	CMPQ CX, DX ; \
	JGE  end
