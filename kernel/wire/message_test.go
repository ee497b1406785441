package wire

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
)

func TestSignMatchesJupyterClient(t *testing.T) {
	m := &Message{
		Identities:   [][]byte{[]byte("client-1")},
		Header:       json.RawMessage(`{"msg_id":"1","msg_type":"execute_request"}`),
		ParentHeader: json.RawMessage(`{}`),
		Metadata:     json.RawMessage(`{}`),
		Content:      json.RawMessage(`{"code":"%%\nfmt.Println(1)"}`),
	}
	f := m.Frames([]byte("secret-key"))
	// Reference: jupyter_client 7.4.9, Session(key=b"secret-key").sign(
	// [header, parent, metadata, content]) on the same four frames.
	const want = "2864554d7c074bb41338759ec6c0126ee2a9dad0188745bbac4337c66d277caa"
	if string(f[0]) != "client-1" || string(f[1]) != Delimiter || string(f[2]) != want {
		t.Fatalf("frames %q, want identity, delimiter, signature %s", f[:3], want)
	}
	got, err := Parse(f, []byte("secret-key"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Type() != "execute_request" || got.ID() != "1" || len(got.Identities) != 1 || string(got.Content) != string(m.Content) {
		t.Errorf("round trip: %+v", got)
	}
}

func TestParseRejects(t *testing.T) {
	m, err := New("status", json.RawMessage(`{"msg_id":"p","session":"s","username":"u"}`), map[string]string{"execution_state": "idle"})
	if err != nil {
		t.Fatal(err)
	}
	f := m.Frames([]byte("k1"))
	if _, err := Parse(f, []byte("k2")); !errors.Is(err, ErrSignature) {
		t.Errorf("wrong key: err %v, want ErrSignature", err)
	}
	f[5] = []byte(`{"execution_state":"busy"}`)
	if _, err := Parse(f, []byte("k1")); !errors.Is(err, ErrSignature) {
		t.Errorf("altered content: err %v, want ErrSignature", err)
	}
	if _, err := Parse([][]byte{[]byte("a"), []byte("b")}, nil); err == nil {
		t.Error("no delimiter: no error")
	}
	if _, err := Parse([][]byte{[]byte(Delimiter), []byte("sig")}, nil); err == nil {
		t.Error("too few frames: no error")
	}
	g, err := Parse(m.Frames(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if g.ParentID() != "p" {
		t.Errorf("parent id %q, want p", g.ParentID())
	}
	var h Header
	_ = json.Unmarshal(g.Header, &h)
	if h.Session != "s" || h.Username != "u" || h.MsgType != "status" || h.Version != ProtocolVersion {
		t.Errorf("header %+v does not carry the parent's session and user", h)
	}
}

func TestConnectionFile(t *testing.T) {
	c, err := NewLoopback(1, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, p := range []int{c.ShellPort, c.ControlPort, c.StdinPort, c.IOPubPort, c.HBPort} {
		if p <= 3 || seen[p] {
			t.Errorf("port %d repeated or avoided", p)
		}
		seen[p] = true
	}
	path := filepath.Join(t.TempDir(), "k.json")
	if err := c.Write(path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadConnection(path)
	if err != nil {
		t.Fatal(err)
	}
	if *got != *c {
		t.Errorf("read %+v, wrote %+v", got, c)
	}
	if e := got.Endpoint(got.ShellPort); e == "" || e[:16] != "tcp://127.0.0.1:" {
		t.Errorf("endpoint %q", e)
	}
	got.ShellPort = 0
	if err := got.Write(path); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadConnection(path); err == nil {
		t.Error("shell_port 0 accepted")
	}
}
