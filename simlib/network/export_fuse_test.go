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

// SetCounts sets count rings off (-1), where the machine expands them fast
// (0, the default) or wherever a population can have them (1: the generic
// expansion too) for the networks built after it, and returns the
// previous setting.
func SetCounts(mode int) (prev int) {
	switch {
	case countsOff:
		prev = -1
	case countsForce:
		prev = 1
	}
	countsOff, countsForce = mode < 0, mode > 0
	return prev
}

// CountRings reports whether the built population's receptors have count
// rings.
func (p *Population) CountRings() bool { return p.rt != nil && p.rt.fuse != nil && p.rt.fuse.counts }

// SetBlocks sets phaseA's blocks of size neurons (engine.go's timeBlock),
// or turns them off for size 0, for the networks built after it, and
// returns the previous setting.
func SetBlocks(size int) (prev int) {
	prev, timeBlock = timeBlock, size
	return prev
}

// Blocked reports whether phaseA runs the built population in blocks.
func (p *Population) Blocked() bool { return p.rt != nil && p.rt.block > 0 }

// SetCountBlock sets the targets expanded at a time from count rings
// (counts.go's countBlock) for the networks built after it, and returns
// the previous setting.
func SetCountBlock(n int) (prev int) {
	prev, countBlock = countBlock, n
	return prev
}

// SetCountsExpand makes the networks built after it expand count rings
// even where the dynamics could look the counts up itself (counts.go's
// countsExpand), and returns the previous setting.
func SetCountsExpand(on bool) (prev bool) {
	prev, countsExpand = countsExpand, on
	return prev
}

// CountsInKernel reports whether the built population's dynamics looks
// its receptors' counts up itself (fusedRT.inKernel).
func (p *Population) CountsInKernel() bool {
	return p.rt != nil && p.rt.fuse != nil && p.rt.fuse.inKernel
}
