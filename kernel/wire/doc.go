// Package wire reads and writes Jupyter messages as they travel over ZeroMQ:
// the connection file, the multipart frames of a message (routing identities,
// the "<IDS|MSG>" delimiter, the HMAC-SHA256 signature, header, parent header,
// metadata, content and buffers) and their signing with the connection key.
//
// The golgi kernel uses it to relay messages between Jupyter and its GoNB
// child kernel, re-signing each one with the key of the side it goes to.
//
// Reference: the Jupyter messaging specification, "The Wire Protocol"
// (jupyter-client documentation, messaging.html).
package wire
