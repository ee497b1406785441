// Package proxy is the golgi Jupyter kernel: it starts GoNB as a child kernel
// on loopback and relays Jupyter's channels between the two, re-signing every
// message with the key of the side it goes to. On the way it
//
//   - strips golgi's own magic lines (%golgi repro on|off) from cells;
//   - points the child's GOLGI_RUN_LOG at a file, so that simlib's runs in
//     cells are reported to the kernel (see simlib/runlog);
//   - publishes, for every executed cell, a reproducibility block
//     (package repro) as a display_data message whose parent is the
//     execute_request, just before relaying the child's status "idle", so
//     that clients file it among that cell's outputs.
//
// Channels: shell, control and stdin are relayed both ways through DEALER
// sockets that share one identity (so the child's stdin requests find their
// way back); iopub is relayed from child to Jupyter; the heartbeat is
// answered by the proxy while the child process is alive (Jupyter's
// heartbeat checks that the kernel process responds; a dead child ends the
// proxy, which Jupyter then sees as a dead kernel).
//
// The child runs in its own process group, receives SIGTERM if the proxy dies
// (Linux parent-death signal), and on shutdown the whole group (GoNB and any
// cell program it started) is terminated, then killed.
package proxy
