// Command golgi sets up, runs and verifies golgi notebooks, and is the golgi
// Jupyter kernel.
//
// Usage:
//
//	golgi setup [--test] [--jupyter-data-dir DIR] [--golgi-dir DIR] [--no-apt]
//	golgi kernel --connection-file FILE --gonb PATH [--golgi-dir DIR] [--path DIRS]
//	golgi run [--html] [--timeout 10m] [--out DIR] [--kernel golgi] NB.ipynb...
//	golgi verify [--timeout 10m] [--kernel golgi] NB.ipynb
//	golgi demo
//
// See docs/kernel.md.
package main
