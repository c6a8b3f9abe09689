package mockserver

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"sync"
)

// Faults makes the mock misbehave like a loaded, rate-limited service behind a flaky network.
type Faults struct {
	// Rate is the share of API requests, from 0 to 1, that meet a fault.
	Rate float64
	// Seed makes the sequence of faults repeatable.
	Seed uint64
}

// Kinds of injected faults. The first two happen before the request is processed; the last two
// after it was committed, so the client cannot know whether its write happened.
const (
	FaultThrottle           = "429 throttled"
	FaultUnavailable        = "503 before processing"
	FaultDropAfterCommit    = "connection dropped after commit"
	FaultGatewayAfterCommit = "502 after commit"
)

var faultKinds = []string{FaultThrottle, FaultUnavailable, FaultDropAfterCommit, FaultGatewayAfterCommit}

// NoFaultsHeader exempts a request from injected faults, for tests that arrange or inspect state
// around the code under test.
const NoFaultsHeader = "X-Mock-No-Faults"

type faultInjector struct {
	rate float64
	mu   sync.Mutex
	rng  *rand.Rand
}

func newFaultInjector(f Faults) *faultInjector {
	return &faultInjector{rate: f.Rate, rng: rand.New(rand.NewPCG(f.Seed, f.Seed^0x5eed))}
}

// draw decides the fault of one request: "" for none.
func (fi *faultInjector) draw(r *http.Request) string {
	if fi == nil || fi.rate <= 0 || r.Header.Get(NoFaultsHeader) != "" {
		return ""
	}
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.rng.Float64() >= fi.rate {
		return ""
	}
	return faultKinds[fi.rng.IntN(len(faultKinds))]
}

// serveWithFault answers r through next, misbehaving as kind says.
func serveWithFault(kind string, next http.Handler, w http.ResponseWriter, r *http.Request) {
	switch kind {
	case FaultThrottle:
		w.Header().Set("Retry-After", "0")
		writeError(w, r, http.StatusTooManyRequests, "Too many requests")
	case FaultUnavailable:
		writeError(w, r, http.StatusServiceUnavailable, "Service temporarily unavailable")
	case FaultDropAfterCommit, FaultGatewayAfterCommit:
		// The request is processed in full; only its answer is lost.
		next.ServeHTTP(&discardingWriter{header: http.Header{}}, r)
		if kind == FaultGatewayAfterCommit {
			writeError(w, r, http.StatusBadGateway, "Bad gateway")
			return
		}
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		writeError(w, r, http.StatusBadGateway, "Bad gateway")
	default:
		next.ServeHTTP(w, r)
	}
}

// discardingWriter swallows an answer that the fault keeps from the client.
type discardingWriter struct {
	header http.Header
	body   bytes.Buffer
}

func (d *discardingWriter) Header() http.Header         { return d.header }
func (d *discardingWriter) Write(b []byte) (int, error) { return d.body.Write(b) }
func (d *discardingWriter) WriteHeader(int)             {}
