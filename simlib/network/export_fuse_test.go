package network

// SetFuse turns the fused receptor pass on or off for the networks built
// after it (input.go's fuseOff) and returns the previous setting.
func SetFuse(on bool) (prev bool) {
	prev = !fuseOff
	fuseOff = !on
	return prev
}

// FusedPass reports whether the built population's receptor pass runs
// inside its dynamics' AdvanceSpike.
func (p *Population) FusedPass() bool { return p.rt != nil && p.rt.fuse != nil }
