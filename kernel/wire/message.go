package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// ProtocolVersion is the Jupyter messaging protocol version of messages the
// golgi kernel creates itself.
const ProtocolVersion = "5.3"

// Header is the header of a Jupyter message.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message. Header, ParentHeader, Metadata and Content
// are kept as raw JSON so that a relayed message is passed on byte for byte.
type Message struct {
	Identities   [][]byte
	Header       json.RawMessage
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte
}

// ErrSignature is returned by Parse when a message's signature does not
// match the key.
var ErrSignature = errors.New("wire: invalid message signature")

// Parse decodes the frames of a message and checks its signature with key
// (no check when key is empty).
func Parse(frames [][]byte, key []byte) (*Message, error) {
	i := 0
	for i < len(frames) && string(frames[i]) != Delimiter {
		i++
	}
	if i == len(frames) {
		return nil, fmt.Errorf("wire: message of %d frames has no %q delimiter", len(frames), Delimiter)
	}
	if len(frames) < i+6 {
		return nil, fmt.Errorf("wire: message has %d frames after the delimiter, need at least 5", len(frames)-i-1)
	}
	if len(key) > 0 {
		want := sign(key, frames[i+2:i+6])
		if !hmac.Equal([]byte(want), bytes.ToLower(frames[i+1])) {
			return nil, ErrSignature
		}
	}
	m := &Message{
		Identities:   frames[:i],
		Header:       frames[i+2],
		ParentHeader: frames[i+3],
		Metadata:     frames[i+4],
		Content:      frames[i+5],
		Buffers:      frames[i+6:],
	}
	return m, nil
}

// Frames encodes m, signed with key (an empty signature when key is empty).
func (m *Message) Frames(key []byte) [][]byte {
	parts := [][]byte{orEmpty(m.Header), orEmpty(m.ParentHeader), orEmpty(m.Metadata), orEmpty(m.Content)}
	out := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	out = append(out, m.Identities...)
	out = append(out, []byte(Delimiter))
	if len(key) > 0 {
		out = append(out, []byte(sign(key, parts)))
	} else {
		out = append(out, []byte{})
	}
	out = append(out, parts...)
	out = append(out, m.Buffers...)
	return out
}

func orEmpty(b json.RawMessage) []byte {
	if len(b) == 0 {
		return []byte("{}")
	}
	return b
}

func sign(key []byte, parts [][]byte) string {
	mac := hmac.New(sha256.New, key)
	for _, p := range parts {
		mac.Write(p)
	}
	return hex.EncodeToString(mac.Sum(nil))
}

// ParseHeader decodes m's header.
func (m *Message) ParseHeader() (Header, error) {
	var h Header
	if err := json.Unmarshal(m.Header, &h); err != nil {
		return h, fmt.Errorf("wire: message header: %w", err)
	}
	return h, nil
}

// Type returns the msg_type of m's header ("" when it cannot be decoded).
func (m *Message) Type() string {
	h, _ := m.ParseHeader()
	return h.MsgType
}

// ID returns the msg_id of m's header.
func (m *Message) ID() string {
	h, _ := m.ParseHeader()
	return h.MsgID
}

// ParentID returns the msg_id of m's parent header ("" when there is none).
func (m *Message) ParentID() string {
	var h Header
	if len(m.ParentHeader) == 0 || json.Unmarshal(m.ParentHeader, &h) != nil {
		return ""
	}
	return h.MsgID
}

// NewID returns a random message id.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// New builds a message of type msgType with the given parent header and
// content; session and username are copied from the parent header.
func New(msgType string, parent json.RawMessage, content any) (*Message, error) {
	var ph Header
	if len(parent) > 0 {
		_ = json.Unmarshal(parent, &ph)
	}
	h := Header{
		MsgID:    NewID(),
		Session:  ph.Session,
		Username: ph.Username,
		Date:     time.Now().UTC().Format(time.RFC3339Nano),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("wire: encoding header of %s: %w", msgType, err)
	}
	cb, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("wire: encoding content of %s: %w", msgType, err)
	}
	if len(parent) == 0 {
		parent = json.RawMessage("{}")
	}
	return &Message{Header: hb, ParentHeader: parent, Metadata: json.RawMessage("{}"), Content: cb}, nil
}
