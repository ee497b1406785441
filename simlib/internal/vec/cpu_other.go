//go:build !amd64 || purego

package vec

// hasAVX2 is false: this build has no assembly kernels.
const hasAVX2 = false

// hasAVX512 is false: this build has no assembly kernels.
const hasAVX512 = false
