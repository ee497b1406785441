package wire

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"slices"
	"strconv"
)

// Connection is the content of a Jupyter connection file.
type Connection struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	SignatureScheme string `json:"signature_scheme"`
	Key             string `json:"key"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnection reads and checks the connection file at path.
func ReadConnection(path string) (*Connection, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("wire: connection file: %w", err)
	}
	var c Connection
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("wire: connection file %s: %w", path, err)
	}
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.Transport != "tcp" {
		return nil, fmt.Errorf("wire: connection file %s: transport %q is not supported (only tcp)", path, c.Transport)
	}
	if c.SignatureScheme != "" && c.SignatureScheme != "hmac-sha256" {
		return nil, fmt.Errorf("wire: connection file %s: signature_scheme %q is not supported (only hmac-sha256)", path, c.SignatureScheme)
	}
	for name, p := range map[string]int{"shell_port": c.ShellPort, "control_port": c.ControlPort, "stdin_port": c.StdinPort, "iopub_port": c.IOPubPort, "hb_port": c.HBPort} {
		if p <= 0 || p > 65535 {
			return nil, fmt.Errorf("wire: connection file %s: %s is %d, want 1..65535", path, name, p)
		}
	}
	return &c, nil
}

// Endpoint returns the ZeroMQ endpoint of port, e.g. "tcp://127.0.0.1:5555".
func (c *Connection) Endpoint(port int) string {
	return c.Transport + "://" + net.JoinHostPort(c.IP, strconv.Itoa(port))
}

// Write writes c as a connection file at path, readable by its owner only.
func (c *Connection) Write(path string) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("wire: %w", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("wire: %w", err)
	}
	return nil
}

// NewLoopback returns a connection on 127.0.0.1 with five free ports, none
// of them in avoid, and a fresh random key.
func NewLoopback(avoid ...int) (*Connection, error) {
	ports := make([]int, 0, 5)
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for tries := 0; len(ports) < 5; tries++ {
		if tries == 100 {
			return nil, fmt.Errorf("wire: no free loopback ports outside %v after 100 tries", avoid)
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("wire: finding a free loopback port: %w", err)
		}
		ls = append(ls, l)
		p := l.Addr().(*net.TCPAddr).Port
		if !slices.Contains(avoid, p) {
			ports = append(ports, p)
		}
	}
	return &Connection{
		Transport: "tcp", IP: "127.0.0.1",
		ShellPort: ports[0], ControlPort: ports[1], StdinPort: ports[2], IOPubPort: ports[3], HBPort: ports[4],
		SignatureScheme: "hmac-sha256", Key: NewID(),
	}, nil
}
