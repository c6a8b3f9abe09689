package mockserver

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
)

// Faults makes the mock misbehave like a loaded, rate-limited service behind a flaky network: by
// chance (Rate, Seed), or as a test scripts it (Script, OutageAfterLostAnswer).
type Faults struct {
	// Rate is the share of API requests, from 0 to 1, that meet a fault.
	Rate float64
	// Seed makes the sequence of faults repeatable.
	Seed uint64
	// Script decides the faults of chosen routes instead of chance: the Nth request of a route, keyed
	// as RequestCounts keys it ("POST /uauth/roles/role"), meets the Nth fault of its list ("" for
	// none), and the requests beyond the list meet none. Requests exempt from faults do not count.
	Script map[string][]string
	// OutageAfterLostAnswer is how many API requests, of any route, answer 503 after a scripted fault
	// lost the answer of a committed write: an outage that began while the write was processed. The
	// requests of the outage do not count towards the script.
	OutageAfterLostAnswer int
}

// Kinds of injected faults. The first two happen before the request is processed; the next two
// after it was committed, so the client cannot know whether its write happened. FaultHang is only
// ever scripted: the request is never processed nor answered, until the client gives up on it.
const (
	FaultThrottle           = "429 throttled"
	FaultUnavailable        = "503 before processing"
	FaultDropAfterCommit    = "connection dropped after commit"
	FaultGatewayAfterCommit = "502 after commit"
	FaultHang               = "hang until the client gives up"
)

// faultKinds are the faults chance picks from.
var faultKinds = []string{FaultThrottle, FaultUnavailable, FaultDropAfterCommit, FaultGatewayAfterCommit}

// NoFaultsHeader exempts a request from injected faults, for tests that arrange or inspect state
// around the code under test.
const NoFaultsHeader = "X-Mock-No-Faults"

type faultInjector struct {
	rate        float64
	script      map[string][]string
	outageAfter int

	mu  sync.Mutex
	rng *rand.Rand
	// scripted counts the requests of each scripted route; outage the requests the current outage has left.
	scripted map[string]int
	outage   int
}

// newFaultInjector panics on a scripted fault of an unknown kind, a defect of the test that wrote it.
func newFaultInjector(f Faults) *faultInjector {
	for route, kinds := range f.Script {
		for _, kind := range kinds {
			if kind != "" && kind != FaultHang && !slices.Contains(faultKinds, kind) {
				panic(fmt.Sprintf("mockserver: the fault script of %s names the unknown fault %q", route, kind))
			}
		}
	}
	return &faultInjector{
		rate: f.Rate, script: f.Script, outageAfter: f.OutageAfterLostAnswer,
		rng: rand.New(rand.NewPCG(f.Seed, f.Seed^0x5eed)), scripted: map[string]int{},
	}
}

// draw decides the fault of one request of route: "" for none.
func (fi *faultInjector) draw(r *http.Request, route string) string {
	if r.Header.Get(NoFaultsHeader) != "" {
		return ""
	}
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.outage > 0 {
		fi.outage--
		return FaultUnavailable
	}
	if script, ok := fi.script[route]; ok {
		n := fi.scripted[route]
		fi.scripted[route]++
		if n >= len(script) {
			return ""
		}
		if kind := script[n]; kind == FaultDropAfterCommit || kind == FaultGatewayAfterCommit {
			fi.outage = fi.outageAfter
		}
		return script[n]
	}
	if fi.rate <= 0 || fi.rng.Float64() >= fi.rate {
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
	case FaultHang:
		// The server learns that the client gave up only once it read the whole request.
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
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
