package network

import "time"

// WorkerTimes returns, per worker of the network's last run (with more
// than one worker, or any with ThreadClock), the time spent in phase A,
// phase B, worker 0's bookkeeping and waiting at the barrier.
func WorkerTimes(n *Network) [][4]time.Duration {
	var out [][4]time.Duration
	for _, s := range n.e.stat {
		out = append(out, [4]time.Duration{time.Duration(s.a), time.Duration(s.b), time.Duration(s.acct), time.Duration(s.wait)})
	}
	return out
}

