//go:build !amd64 || amd64.v3

package rng

const stdUnfused = false
