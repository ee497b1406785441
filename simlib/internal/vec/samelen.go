package vec

import "fmt"

// sameLen panics unless every length equals n: a caller's programming
// error, never a user's input.
func sameLen(kernel string, n int, lens ...int) {
	for _, l := range lens {
		if l != n {
			panic(fmt.Sprintf("vec.%s: slices of lengths %d and %d", kernel, n, l))
		}
	}
}
