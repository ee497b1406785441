package hnn_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/models/hnn"
)

// An L5 pyramidal cell of hnn-core's column driven on its proximal
// dendrites: one AMPA event of 0.02 µS on each section of the group.
func Example() {
	m, err := hnn.L5Pyramidal(hnn.DefaultL5Pyramidal(), hnn.Pos{})
	if err != nil {
		panic(err)
	}
	labels, err := m.Site("proximal", "ampa")
	if err != nil {
		panic(err)
	}
	s, err := cell.New(m.Cell, hnn.DefaultOptions())
	if err != nil {
		panic(err)
	}
	for _, l := range labels {
		s.Events(l, 0.02, 5)
	}
	if err := s.Run(30); err != nil {
		panic(err)
	}
	fmt.Println(labels)
	fmt.Printf("spikes at %.3f ms\n", s.Spikes())
	// Output:
	// [apical_oblique_ampa basal_2_ampa basal_3_ampa]
	// spikes at [7.025 17.050 27.900] ms
}
