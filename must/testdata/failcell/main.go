// Command failcell is a notebook cell as GoNB compiles it (its main): it
// does some work, then fails through must. must's tests build and run it.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/golgi-sim/golgi/must"
)

func main() {
	n := must.Get(strconv.Atoi("3"))
	fmt.Println("work done before the failure:", n)
	switch os.Args[1] {
	case "do":
		must.Do(fmt.Errorf("population %q: value %d: not allowed\n(second line)", "exc", n)) // line 18
	case "get":
		_ = must.Get(strconv.Atoi("x3")) // line 20
	case "check":
		must.Check(n > 5, "n = %d, want more than 5", n) // line 22
	case "ok":
		must.Do(nil)
		must.Check(true, "unused")
		fmt.Println("no failure")
		return
	}
	fmt.Println("not reached")
	os.Exit(3)
}
