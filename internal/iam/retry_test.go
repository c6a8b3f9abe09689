package iam

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// scriptedServer answers with the given statuses in turn, then 200 with body.
func scriptedServer(t *testing.T, body string, statuses ...int) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		n := int(calls.Add(1))
		if n <= len(statuses) {
			if statuses[n-1] == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "0")
			}
			w.WriteHeader(statuses[n-1])
			return
		}
		_, _ = w.Write([]byte(body))
	}, Config{MaxRetries: 4, MinRetryWait: time.Millisecond, MaxRetryWait: 5 * time.Millisecond})
	return c, &calls
}

func TestIdempotentRequestsRetryThrottlingAndGatewayErrors(t *testing.T) {
	t.Parallel()
	c, calls := scriptedServer(t, `[]`, 429, 503, 502, 504)
	if _, err := c.ListRoleGroups(context.Background()); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 5 {
		t.Errorf("calls = %d, want 5", calls.Load())
	}
}

func TestRetriesEndWithTheLastAnswer(t *testing.T) {
	t.Parallel()
	c, calls := scriptedServer(t, `[]`, 503, 503, 503, 503, 503, 503)
	_, err := c.ListRoleGroups(context.Background())
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("error = %v, want the last 503", err)
	}
	if calls.Load() != 5 {
		t.Errorf("calls = %d, want 1 + 4 retries", calls.Load())
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	t.Parallel()
	c, calls := scriptedServer(t, `[]`, 400, 500)
	if _, err := c.ListRoleGroups(context.Background()); err == nil {
		t.Fatal("want the 400")
	}
	if calls.Load() != 1 {
		t.Errorf("calls = %d, want 1", calls.Load())
	}
}

func TestShouldRetryTransportErrors(t *testing.T) {
	t.Parallel()
	refused := &url.Error{Op: "Post", URL: "http://x", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}
	reset := &url.Error{Op: "Post", URL: "http://x", Err: &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}}
	create := withIdempotency(context.Background(), false)
	read := withIdempotency(context.Background(), true)
	if retry, _ := shouldRetry(create, nil, refused); !retry {
		t.Error("a refused connection never reached the server: retry it even for a create")
	}
	if retry, _ := shouldRetry(create, nil, reset); retry {
		t.Error("a reset connection may have carried a create: do not repeat it")
	}
	if retry, _ := shouldRetry(read, nil, reset); !retry {
		t.Error("a reset connection of an idempotent request should be retried")
	}
}

func TestBackoffHonoursRetryAfterWithinTheCap(t *testing.T) {
	t.Parallel()
	resp := func(status int, retryAfter string) *http.Response {
		r := &http.Response{StatusCode: status, Header: http.Header{}}
		r.Header.Set("Retry-After", retryAfter)
		return r
	}
	if got := backoff(time.Second, time.Minute, 0, resp(429, "7")); got != 7*time.Second {
		t.Errorf("Retry-After 7 gave %s", got)
	}
	if got := backoff(time.Second, time.Minute, 0, resp(429, "86400")); got != time.Minute {
		t.Errorf("a day of Retry-After gave %s, want the one-minute cap", got)
	}
	if got := backoff(time.Second, time.Minute, 0, resp(429, "99999999999999999")); got != time.Minute {
		t.Errorf("an absurd Retry-After gave %s, want the cap", got)
	}
	for attempt := range 10 {
		got := backoff(time.Second, 8*time.Second, attempt, nil)
		if got < 500*time.Millisecond || got > 8*time.Second {
			t.Errorf("attempt %d waited %s, outside [min/2, max]", attempt, got)
		}
	}
}

func TestBackoffWithAMaximumBelowTheMinimum(t *testing.T) {
	t.Parallel()
	for attempt := range 5 {
		if got := backoff(500*time.Millisecond, 10*time.Millisecond, attempt, nil); got < 0 || got > 10*time.Millisecond {
			t.Errorf("attempt %d waited %s, want at most the 10ms maximum", attempt, got)
		}
	}
}

func TestRepeatsSayWhichAttemptTheyAre(t *testing.T) {
	t.Parallel()
	var attempts []string
	var mu sync.Mutex
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		attempts = append(attempts, r.Header.Get(AttemptHeader))
		n := len(attempts)
		mu.Unlock()
		if n <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`[]`))
	}, Config{MaxRetries: 4, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond})
	if _, err := c.ListRoleGroups(context.Background()); err != nil {
		t.Fatal(err)
	}
	if want := []string{"", "2", "3"}; !slices.Equal(attempts, want) {
		t.Errorf("%s headers = %q, want %q", AttemptHeader, attempts, want)
	}
}

// 0 retries means none, here as in the provider's max_retries; a negative count is refused rather
// than given a meaning of its own.
func TestZeroRetriesMeansNone(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}, Config{MaxRetries: 0, MinRetryWait: time.Millisecond, MaxRetryWait: time.Millisecond})
	if _, err := c.ListRoleGroups(context.Background()); err == nil {
		t.Fatal("a 503 succeeded")
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d requests with MaxRetries 0, want 1", n)
	}
	if _, err := New(Config{Token: "t", MaxRetries: -1}); err == nil {
		t.Error("MaxRetries -1 was accepted")
	}
}
