// Package nbtest holds the notebook integration test of golgi's widgets: a
// notebook that uses every widget is executed headless by plain GoNB
// (jupyter nbconvert --execute), exported to HTML, and rendered in headless
// chromium, where every chart must have drawn content.
//
// It needs, besides chromium: gonb v0.11.5 with goimports and gopls on
// PATH (see docs/kernel.md for how to build it), and Debian's jupyter-nbconvert,
// python3-nbclient, python3-jupyter-client and jupyter-notebook. When gonb
// or jupyter is missing the test skips, saying what to install; a missing
// chromium fails it. The golgi kernel (another branch) is not used here.
package nbtest
