// Package setup installs what the golgi kernel needs and registers it with
// Jupyter. Every step first looks whether its result is already there, so
// running it again changes nothing and says so:
//
//   - Jupyter (classic Notebook, nbconvert, nbclient, jupyter_client) from
//     Debian's packages, installed with apt-get when running as root, else
//     the exact command is printed;
//   - goimports and gopls v0.23.0 (go install), which GoNB needs;
//   - GoNB v0.11.5, built from a scratch module (the module proxy refuses
//     GoNB's version list, so `go install ...@v0.11.5` does not work);
//   - the ECharts bundle (npm echarts@5.4.3) in the user cache
//     (widgets/assets);
//   - with --test (Options.Test), what the repository's integration tests
//     drive: Debian's chromium, slurm-wlm, munge and qemu-user, and npm's
//     hyparquet (HyparquetVersion, into TestNodeModules: the independent
//     Parquet reader of simlib/recording's tests);
//   - Go's build cache: golgi's packages that cells import (CellPackages),
//     compiled once, so that the first cell builds as fast as the next;
//   - the golgi binary, built from this checkout into the kernel directory,
//     and the kernel spec "Go (golgi)" (kernels/golgi/kernel.json), whose
//     GoNB gets a go.work with this checkout, so notebooks import golgi's
//     packages with no setup cell.
package setup
