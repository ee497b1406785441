package cell

// Trace is a recorded variable: T[i] and Y[i] at t = 0 and after every step.
type Trace struct {
	Name string
	T, Y []float64
	src  *float64
}

// AllV is v at every node of a cell, recorded like a Trace.
type AllV struct {
	T     []float64
	V     [][]float64 // V[i] is the node vector at T[i]
	Nodes []NodeInfo  // what each node is
}

// NodeInfo describes a node of a cell.
type NodeInfo struct {
	Section string  // section it belongs to
	X       float64 // its position in the section (0, (i+0.5)/nseg or 1)
	Area    float64 // membrane area (µm²); 0 for the zero-area end nodes
	Parent  int     // parent node, -1 for the root
	// Ri is the axial resistance to the parent node (MΩ), NEURON's ri(x)
	// (1/NODERINV); 0 at the root.
	Ri float64
}
