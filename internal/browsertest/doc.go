// Package browsertest drives Debian's chromium, headless, for golgi's
// widget and notebook tests (widgets, kernel): open a page, wait for a condition, take a screenshot, and
// tell drawn content from a blank box.
//
// Chromium is required: a test that calls New fails (never skips) when it is
// missing, with the line that installs it (apt-get install -y chromium).
// Tests skip browser work only under `go test -short`.
package browsertest
