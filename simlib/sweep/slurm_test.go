package sweep_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestSLURMIntegration runs testdata/slurm_integration.sh: a one-node
// SLURM cluster on loopback runs the batch example as a job array of 8
// shards, in a store whose path holds a space and a '%'. Task 3 fails
// (a file stands where its store goes); resubmitted alone as the docs say
// (sbatch --array=3), it must compute shard 3. golgi sweep slurm must
// refuse -cpus beyond the node's CPUs. The merged store must equal an
// inline run bit for bit. It takes 20 s to a minute. Skipped under -short; otherwise SLURM must be installed
// (apt-get install -y slurm-wlm munge) and the test run as root.
func TestSLURMIntegration(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a SLURM cluster (about a minute); skipped under -short")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the SLURM integration test runs on Linux")
	}
	for _, b := range []string{"munged", "slurmctld", "slurmd", "sbatch"} {
		if _, err := exec.LookPath(b); err != nil {
			if _, err := os.Stat("/usr/sbin/" + b); err != nil {
				t.Fatalf("%s not found: install SLURM for this test with: apt-get install -y slurm-wlm munge (or run go test -short to skip it)", b)
			}
		}
	}
	if os.Geteuid() != 0 {
		t.Fatalf("the SLURM integration test starts munged, slurmctld and slurmd and must run as root (uid %d); run go test -short to skip it", os.Geteuid())
	}
	dir := t.TempDir()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	for name, pkg := range map[string]string{"batch": "./examples/batch", "sweeptool": "./testdata/sweeptool"} {
		out, err := exec.Command(gobin, "build", "-o", filepath.Join(dir, name), pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	start := time.Now()
	cmd := exec.Command("bash", "testdata/slurm_integration.sh", filepath.Join(dir, "work"), filepath.Join(dir, "batch"), filepath.Join(dir, "sweeptool"))
	out, err := cmd.CombinedOutput()
	t.Logf("slurm_integration.sh (%v):\n%s", time.Since(start).Round(time.Second), out)
	if err != nil {
		t.Fatalf("slurm_integration.sh: %v", err)
	}
	if !strings.Contains(string(out), "resubmitted task 3 computed shard 3") {
		t.Fatal("the task resubmitted alone did not compute its shard")
	}
	if !strings.Contains(string(out), "identical: 20 points") || !strings.HasSuffix(strings.TrimSpace(string(out)), "slurm_integration: PASS") {
		t.Fatal("the merged SLURM store does not equal the inline run")
	}
}
