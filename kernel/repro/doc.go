// Package repro builds the reproducibility block that the golgi kernel adds
// under the outputs of every executed notebook cell: who ran the cell, where,
// when and for how long, with what status, the hash of its source, the
// versions of golgi, GoNB and Go, the machine, the git state of the
// notebook's repository and of the golgi checkout, the module versions, and
// the simulation runs the cell made (as reported through simlib/runlog).
//
// A Block is stored in the notebook twice: as JSON under the MIME type
// MIMEType (for golgi verify and other programs) and as a one-line
// collapsible HTML summary (for people), with a plain-text line as fallback.
package repro
