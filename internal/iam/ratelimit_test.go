package iam

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// arrivalLog records when a test server received each request.
type arrivalLog struct {
	mu    sync.Mutex
	times []time.Time
}

func (l *arrivalLog) note() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.times = append(l.times, time.Now())
}

func (l *arrivalLog) snapshot() []time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]time.Time(nil), l.times...)
}

// busiestSecond is the largest number of arrivals within any one second, counted from each arrival.
func busiestSecond(times []time.Time) int {
	busiest := 0
	for i, from := range times {
		n := 0
		for _, at := range times[i:] {
			if at.Sub(from) < time.Second {
				n++
			}
		}
		busiest = max(busiest, n)
	}
	return busiest
}

func TestRequestRateIsCappedAcrossConcurrentCallersAndRetries(t *testing.T) {
	t.Parallel()
	const perSecond = 10
	var arrivals arrivalLog
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		arrivals.note()
		// Every third request is throttled, so retries must queue for their turn as first attempts do.
		if calls.Add(1)%3 == 0 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(`[]`))
	}, Config{MaxRequestsPerSecond: perSecond, MaxRetries: 5, MinRetryWait: time.Millisecond, MaxRetryWait: time.Millisecond})

	var wg sync.WaitGroup
	for range 24 {
		wg.Go(func() {
			if _, err := c.ListRoleGroups(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	times := arrivals.snapshot()
	if len(times) < 30 {
		t.Fatalf("%d requests arrived; the test needs retries among more than 24 calls", len(times))
	}
	// The first request of a second may come with the last of the previous (the burst is one), and a
	// request that reaches the server up to a quarter of a second late on a loaded machine lets one
	// second of arrivals hold a quarter of the next second's turns.
	if busiest := busiestSecond(times); busiest > perSecond+1+perSecond/4+1 {
		t.Errorf("%d requests arrived within one second, over the cap of %d a second", busiest, perSecond)
	}
}

func TestWithoutACapRequestsAreNotSpaced(t *testing.T) {
	t.Parallel()
	var arrivals arrivalLog
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		arrivals.note()
		_, _ = w.Write([]byte(`[]`))
	}, Config{})
	for range 20 {
		if _, err := c.ListRoleGroups(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if busiest := busiestSecond(arrivals.snapshot()); busiest != 20 {
		t.Errorf("%d of 20 quick requests arrived within a second; without a cap none should wait", busiest)
	}
}

func TestCancellationEndsTheWaitForATurn(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		_, _ = w.Write([]byte(`[]`))
	}, Config{MaxRequestsPerSecond: 1})
	if _, err := c.ListRoleGroups(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The next turn is a second away; the caller gives up long before.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := c.ListRoleGroups(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want the cancellation", err)
	}
	if calls.Load() != 1 {
		t.Errorf("the server received %d requests, want only the first: a cancelled wait must not send", calls.Load())
	}
}

func TestADeadlineBeforeTheTurnSendsNothing(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		_, _ = w.Write([]byte(`[]`))
	}, Config{MaxRequestsPerSecond: 1})
	if _, err := c.ListRoleGroups(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.ListRoleGroups(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the deadline", err)
	}
	if calls.Load() != 1 {
		t.Errorf("the server received %d requests, want only the first: a request whose turn comes after its deadline must not be sent", calls.Load())
	}
}

func TestNewRefusesANegativeCap(t *testing.T) {
	t.Parallel()
	if _, err := New(Config{Token: "t", MaxRequestsPerSecond: -1}); err == nil {
		t.Error("New accepted a negative request rate")
	}
}
