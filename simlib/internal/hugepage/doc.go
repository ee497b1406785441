// Package hugepage asks the operating system to back simlib's largest
// arrays with huge pages (2 MiB on x86-64 and arm64 Linux instead of
// 4 KiB), where it can.
//
// The synapse tables of a large network (the targets of 80 million
// synapses are 320 MB) are read at random: every spike starts a row
// somewhere else, and with 4 KiB pages nearly every row start is a miss
// of the processor's address translation cache and a walk of the page
// tables. With 2 MiB pages the same table takes 160 translations instead
// of 80 000, and the walks disappear from the delivery.
//
// Advise marks a slice's memory with madvise(MADV_HUGEPAGE). Linux then
// backs each whole, aligned 2 MiB of it that is first touched afterwards
// with one huge page, when transparent huge pages are enabled for such
// memory (/sys/kernel/mm/transparent_hugepage/enabled "madvise" or
// "always"; with "never" the advice is ignored). So it is called on a new
// slice, before anything is written into it. It changes where the bytes
// live, never their values: results are the same bits with and without
// it. Slices under MinBytes and the parts of a slice outside whole 2 MiB
// are left as they are; any error of the system call is ignored (advice,
// not a requirement). On other systems Advise does nothing.
//
// GOLGI_HUGEPAGES=off in the environment turns it off (to time the two).
package hugepage
