// Package kernel is the golgi Jupyter kernel and its tools; the code lives in
// its subpackages and this package holds their integration tests, which
// start the kernel under Debian's Jupyter client and execute notebooks.
//
//   - wire: Jupyter's wire protocol (connection files, signed messages);
//   - proxy: the kernel: GoNB as a child kernel, the relay, the
//     reproducibility block for every cell, golgi's magics;
//   - repro: the reproducibility block (fields, HTML, JSON);
//   - nbrun: headless execution (golgi run) and verification (golgi verify);
//   - setup: installation and kernel registration (golgi setup);
//   - cmd/golgi: the golgi command.
//
// The integration tests need Jupyter (Debian's packages) and GoNB with
// gopls and goimports; run `go run ./kernel/cmd/golgi setup` once. Under
// `go test -short` they are skipped; in a full run a missing tool fails them.
// See docs/kernel.md.
package kernel
