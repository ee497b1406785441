package proxy

import (
	"context"
	"fmt"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/golgi-sim/golgi/kernel/wire"
)

type sockets struct {
	fShell, fControl, fStdin, fIOPub, fHB zmq4.Socket
	bShell, bControl, bStdin, bIOPub      zmq4.Socket
}

func (s *sockets) close() {
	for _, x := range []zmq4.Socket{s.fShell, s.fControl, s.fStdin, s.fIOPub, s.fHB, s.bShell, s.bControl, s.bStdin, s.bIOPub} {
		if x != nil {
			x.Close()
		}
	}
}

// listenFront binds the five sockets Jupyter connects to.
func (k *Kernel) listenFront(ctx context.Context) error {
	s := k.s
	s.fShell = zmq4.NewRouter(ctx)
	s.fControl = zmq4.NewRouter(ctx)
	s.fStdin = zmq4.NewRouter(ctx)
	s.fIOPub = zmq4.NewPub(ctx)
	s.fHB = zmq4.NewRep(ctx)
	for _, l := range []struct {
		s    zmq4.Socket
		port int
		name string
	}{{s.fShell, k.front.ShellPort, "shell"}, {s.fControl, k.front.ControlPort, "control"}, {s.fStdin, k.front.StdinPort, "stdin"}, {s.fIOPub, k.front.IOPubPort, "iopub"}, {s.fHB, k.front.HBPort, "hb"}} {
		if err := l.s.Listen(k.front.Endpoint(l.port)); err != nil {
			return fmt.Errorf("proxy: listening for %s on %s: %w", l.name, k.front.Endpoint(l.port), err)
		}
	}
	return nil
}

// receive returns the next message on from that parses and carries a valid
// signature, or false when the kernel stops.
func (k *Kernel) receive(ctx context.Context, name string, from zmq4.Socket, key []byte) (*wire.Message, bool) {
	for {
		zm, err := from.Recv()
		if err != nil {
			select {
			case <-ctx.Done():
				return nil, false
			case <-k.stopping:
				return nil, false
			default:
			}
			k.log.Printf("%s: receiving: %v", name, err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		m, err := wire.Parse(zm.Frames, key)
		if err != nil {
			k.log.Printf("%s: dropping message: %v", name, err)
			continue
		}
		return m, true
	}
}

// relay moves messages from one socket to another, re-signing them. hook,
// when not nil, sees each message first; it may change it, and returns false
// to drop it.
func (k *Kernel) relay(ctx context.Context, name string, from, to zmq4.Socket, fromKey, toKey []byte, hook func(*wire.Message) bool) {
	for {
		m, ok := k.receive(ctx, name, from, fromKey)
		if !ok {
			return
		}
		if hook != nil && !hook(m) {
			continue
		}
		if err := to.Send(zmq4.NewMsgFrom(m.Frames(toKey)...)); err != nil {
			k.log.Printf("%s: sending %s: %v", name, m.Type(), err)
		}
	}
}

// heartbeat relays Jupyter's pings to GoNB's heartbeat socket and GoNB's
// answers back. A ping GoNB does not answer within 5 s gets no answer, so
// Jupyter sees the kernel as it is.
func (k *Kernel) heartbeat(ctx context.Context, hb zmq4.Socket) {
	var req zmq4.Socket
	renew := func() {
		if req != nil {
			req.Close()
		}
		req = zmq4.NewReq(ctx)
		if err := req.Dial(k.child.Endpoint(k.child.HBPort)); err != nil {
			k.log.Printf("heartbeat: connecting to GoNB: %v", err)
		}
	}
	renew()
	defer func() { req.Close() }()
	for {
		m, err := hb.Recv()
		if err != nil {
			select {
			case <-k.stopping:
				return
			case <-ctx.Done():
				return
			default:
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		answer := make(chan zmq4.Msg, 1)
		go func(r zmq4.Socket) {
			if r.Send(m) != nil {
				return
			}
			if a, err := r.Recv(); err == nil {
				answer <- a
			}
		}(req)
		select {
		case a := <-answer:
			_ = hb.Send(a)
		case <-time.After(5 * time.Second):
			k.log.Printf("heartbeat: GoNB did not answer within 5 s")
			renew()
		case <-k.stopping:
			return
		}
	}
}

// relayIOPub moves GoNB's iopub messages to Jupyter, adding golgi's own.
func (k *Kernel) relayIOPub(ctx context.Context, from, to zmq4.Socket) {
	for {
		m, ok := k.receive(ctx, "iopub", from, k.childKey)
		if !ok {
			return
		}
		before, after := k.onIOPub(m)
		for _, x := range append(append(before, m), after...) {
			if err := to.Send(zmq4.NewMsgFrom(x.Frames(k.frontKey)...)); err != nil {
				k.log.Printf("iopub: sending %s: %v", x.Type(), err)
			}
		}
	}
}
