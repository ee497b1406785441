package rng

import "math/rand/v2"

// mix is SplitMix64's output function.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Derive hashes the seed and keys into one 64-bit value.
func Derive(seed uint64, keys ...uint64) uint64 {
	h := mix(seed)
	for _, k := range keys {
		h = mix(h ^ mix(k+0x632be59bd9b4e019))
	}
	return h
}

// PCG returns the PCG generator state of the stream (seed, keys...). It is a
// value: keep it in a slice for per-neuron streams.
func PCG(seed uint64, keys ...uint64) rand.PCG {
	h := Derive(seed, keys...)
	return *rand.NewPCG(h, mix(h^0xda942042e4dd58b5))
}

// New returns a *rand.Rand on the stream (seed, keys...).
func New(seed uint64, keys ...uint64) *rand.Rand {
	p := PCG(seed, keys...)
	return rand.New(&p)
}

// Key turns a name into a stream key (FNV-1a).
func Key(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// Float64 returns a uniform number in [0, 1) from p, with 53 random bits.
func Float64(p *rand.PCG) float64 {
	return float64(p.Uint64()>>11) * 0x1p-53
}
