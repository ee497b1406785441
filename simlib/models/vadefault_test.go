package models_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/models"
)

// TestDefaultVA: the name gives the same parameters as the function of
// that name; another name is refused, naming it and what is allowed.
func TestDefaultVA(t *testing.T) {
	for name, want := range map[string]models.VA{"COBA": models.DefaultCOBA(), "CUBA": models.DefaultCUBA()} {
		got, err := models.DefaultVA(name)
		if err != nil || fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
			t.Errorf("DefaultVA(%q) = %+v, %v; want Default%s()", name, got, err, name)
		}
	}
	if _, err := models.DefaultVA("coba"); err == nil || !strings.Contains(err.Error(), `"coba": must be COBA or CUBA`) {
		t.Errorf("DefaultVA(\"coba\"): %v", err)
	}
}
