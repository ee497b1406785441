//go:build !amd64 || amd64.v3

package pmath

const stdUnfused = false
