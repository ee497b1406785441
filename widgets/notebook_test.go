package widgets

import "testing"

// Live is false outside a notebook whatever the environment says, and
// GOLGI_HEADLESS cannot make it true.
func TestLiveOutsideNotebook(t *testing.T) {
	t.Setenv("GONB_JUPYTER_KERNEL_ID", "k")
	t.Setenv(HeadlessEnv, "0")
	if IsNotebook() || Live() {
		t.Errorf("IsNotebook() = %v, Live() = %v under go test; want false, false", IsNotebook(), Live())
	}
}
