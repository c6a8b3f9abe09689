package iam

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestResetUserPasswordAndMFA(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "POST", path: "/uauth/users/12/password-reset"},
		exchange{method: "PUT", path: "/uauth/users/12/mfa-reset"},
		exchange{method: "POST", path: "/uauth/users/4242/password-reset",
			status: 404, answer: `{"status":404,"error":"Not Found","message":"User 4242 not found"}`},
	)
	ctx := context.Background()
	if err := c.ResetUserPassword(ctx, 12); err != nil {
		t.Error(err)
	}
	if err := c.ResetUserMFA(ctx, 12); err != nil {
		t.Error(err)
	}
	if err := c.ResetUserPassword(ctx, 4242); !IsNotFound(err) || !strings.Contains(err.Error(), "User 4242 not found") {
		t.Errorf("error = %v, want the 404", err)
	}
}

// failingServer answers every request with status, after processing it as far as the client can tell.
func failingServer(t *testing.T, status int) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.WriteHeader(status)
	}, Config{MaxRetries: 3, MinRetryWait: time.Millisecond, MaxRetryWait: time.Millisecond})
	return c, &calls
}

// Each password reset mails a new link and voids the last, so one that may have reached the API is
// never sent again; the error says the reset may have happened.
func TestAPasswordResetThatMayHaveHappenedIsNotRepeated(t *testing.T) {
	t.Parallel()
	c, calls := failingServer(t, http.StatusBadGateway)
	err := c.ResetUserPassword(context.Background(), 12)
	var unconfirmed *UnconfirmedResetError
	if !errors.As(err, &unconfirmed) || unconfirmed.UserID != 12 {
		t.Errorf("error = %v, want an *UnconfirmedResetError of user 12", err)
	}
	if calls.Load() != 1 {
		t.Errorf("the reset was sent %d times, want once", calls.Load())
	}
}

// A throttled reset certainly did not happen, so it waits and is sent again.
func TestAThrottledPasswordResetIsSentAgain(t *testing.T) {
	t.Parallel()
	c, calls := scriptedServer(t, ``, http.StatusTooManyRequests)
	if err := c.ResetUserPassword(context.Background(), 12); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Errorf("calls = %d, want the throttled one and its repeat", calls.Load())
	}
}

// Resetting MFA twice leaves what resetting it once does, so a reset whose answer was lost is repeated.
func TestAnMFAResetIsRetriedLikeARead(t *testing.T) {
	t.Parallel()
	c, calls := failingServer(t, http.StatusBadGateway)
	err := c.ResetUserMFA(context.Background(), 12)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadGateway {
		t.Errorf("error = %v, want the last 502", err)
	}
	if calls.Load() != 4 {
		t.Errorf("calls = %d, want 1 + 3 retries", calls.Load())
	}
}

// A reset whose caller gives up once the API has it (Terraform interrupted) may have mailed a link:
// the error says so, and the request is not sent again.
func TestAPasswordResetInterruptedAfterItWasSentMayHaveHappened(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{})
	var calls atomic.Int32
	c := newTestClient(t, func(_ http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		close(arrived)
		<-r.Context().Done()
	}, Config{MaxRetries: 3, MinRetryWait: time.Millisecond, MaxRetryWait: time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	err := c.ResetUserPassword(ctx, 12)
	var unconfirmed *UnconfirmedResetError
	if !errors.As(err, &unconfirmed) || !unconfirmed.Interrupted || !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want an interrupted *UnconfirmedResetError", err)
	}
	if calls.Load() != 1 {
		t.Errorf("the reset was sent %d times, want once", calls.Load())
	}
}

// A reset interrupted before anything was sent certainly did not happen: the error is the interruption alone.
func TestAPasswordResetInterruptedBeforeItWasSentDidNotHappen(t *testing.T) {
	t.Parallel()
	c, calls := failingServer(t, http.StatusOK)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.ResetUserPassword(ctx, 12)
	var unconfirmed *UnconfirmedResetError
	if !errors.Is(err, context.Canceled) || errors.As(err, &unconfirmed) {
		t.Errorf("error = %v, want the cancellation alone", err)
	}
	if calls.Load() != 0 {
		t.Errorf("the reset was sent %d times, want never", calls.Load())
	}
}
