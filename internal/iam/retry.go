package iam

import (
	"context"
	"crypto/x509"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Defaults of the retry policy. Config uses the waits and the timeout where it leaves them zero;
// DefaultMaxRetries is what the provider asks for unless max_retries says otherwise, since 0
// retries means none in every layer.
const (
	DefaultMaxRetries     = 5
	DefaultMinRetryWait   = 500 * time.Millisecond
	DefaultMaxRetryWait   = 30 * time.Second
	DefaultRequestTimeout = 60 * time.Second
)

type idempotencyKey struct{}

func withIdempotency(ctx context.Context, idempotent bool) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, idempotent)
}

func isIdempotent(ctx context.Context) bool {
	idempotent, _ := ctx.Value(idempotencyKey{}).(bool)
	return idempotent
}

// AttemptHeader carries the number of the attempt on a request that repeats an earlier one (2 for the
// first repeat), so the server's logs can tell retries from new requests.
const AttemptHeader = "X-Request-Attempt"

type attemptKey struct{}

// withAttempt marks the requests sent with ctx as the attempt-th try of one operation.
func withAttempt(ctx context.Context, attempt int) context.Context {
	return context.WithValue(ctx, attemptKey{}, attempt)
}

// attemptTally counts the attempts of one request, and how many of them timed out, for the error
// that ends it. A create sent again by createOnce shares one tally between its sends.
type attemptTally struct{ attempts, timeouts int }

type tallyKey struct{}

// withTally returns ctx with a tally of attempts, the one ctx carries already if any.
func withTally(ctx context.Context) (context.Context, *attemptTally) {
	if tally, ok := ctx.Value(tallyKey{}).(*attemptTally); ok {
		return ctx, tally
	}
	tally := &attemptTally{}
	return context.WithValue(ctx, tallyKey{}, tally), tally
}

// count records the outcome of one attempt; the retrying client makes them one after another.
func (t *attemptTally) count(err error) {
	t.attempts++
	if isTimeout(err) {
		t.timeouts++
	}
}

// markRepeat counts one more attempt on a request about to be sent again.
func markRepeat(req *http.Request) {
	attempt, err := strconv.Atoi(req.Header.Get(AttemptHeader))
	if err != nil || attempt < 1 {
		attempt = 1
	}
	// The request is a shallow copy of the previous attempt's; a transport may still read that one's headers.
	req.Header = req.Header.Clone()
	req.Header.Set(AttemptHeader, strconv.Itoa(attempt+1))
}

func newRetryingClient(cfg Config, debug func(context.Context, string, map[string]any)) *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.Logger = nil
	if cfg.HTTPClient != nil {
		// A copy, so that the caller's client keeps its own timeout.
		own := *cfg.HTTPClient
		client.HTTPClient = &own
	}
	client.HTTPClient.Timeout = cfg.RequestTimeout
	client.RetryMax = cfg.MaxRetries
	client.RetryWaitMin = cfg.MinRetryWait
	if client.RetryWaitMin <= 0 {
		client.RetryWaitMin = DefaultMinRetryWait
	}
	client.RetryWaitMax = cfg.MaxRetryWait
	if client.RetryWaitMax <= 0 {
		client.RetryWaitMax = DefaultMaxRetryWait
	}
	// A maximum below the default minimum lowers the minimum with it.
	client.RetryWaitMin = min(client.RetryWaitMin, client.RetryWaitMax)
	client.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if tally, ok := ctx.Value(tallyKey{}).(*attemptTally); ok {
			tally.count(err)
		}
		retry, reason := shouldRetry(ctx, resp, err)
		if retry {
			debug(ctx, "retryable failure", map[string]any{"reason": reason})
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return false, ctxErr
		}
		return retry, nil
	}
	client.Backoff = backoff
	client.PrepareRetry = func(req *http.Request) error {
		markRepeat(req)
		return nil
	}
	client.ErrorHandler = retryablehttp.PassthroughErrorHandler
	pace := newPacer(cfg.MaxRequestsPerSecond)
	// The pacer waits here, before each attempt is handed to the HTTP client, so that the wait covers
	// retries too and does not count against the attempt's request timeout.
	client.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, attempt int) {
		pace.awaitTurn(req.Context())
		fields := map[string]any{"method": req.Method, "path": req.URL.Path}
		if attempt > 0 {
			fields["attempt"] = attempt + 1
			debug(req.Context(), "retrying API request", fields)
			return
		}
		debug(req.Context(), "API request", fields)
	}
	client.ResponseLogHook = func(_ retryablehttp.Logger, resp *http.Response) {
		debug(resp.Request.Context(), "API response", map[string]any{
			"method": resp.Request.Method, "path": resp.Request.URL.Path, "status": resp.StatusCode,
		})
	}
	return client
}

// shouldRetry decides whether an attempt may be repeated. A request that changes state without being
// idempotent is repeated only when the server certainly did not act on it: it refused the connection,
// or it answered 429. An attempt that timed out is treated as a 503: the server may have acted on it.
func shouldRetry(ctx context.Context, resp *http.Response, err error) (bool, string) {
	if ctx.Err() != nil {
		return false, ""
	}
	idempotent := isIdempotent(ctx)
	if err != nil {
		if isConnectionRefused(err) {
			return true, "connection refused: " + err.Error()
		}
		if isTimeout(err) {
			return idempotent, "no answer within the request timeout: " + err.Error()
		}
		if idempotent && !isPermanentTransportError(err) {
			return true, "transport error: " + err.Error()
		}
		return false, ""
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true, "429 Too Many Requests"
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if idempotent {
			return true, resp.Status
		}
	}
	return false, ""
}

// isTimeout recognises an attempt that ran out of time: the request timeout, or a dial or read deadline.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

func isConnectionRefused(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// isPermanentTransportError recognises failures a repeat cannot cure: a certificate the client does
// not trust, or a malformed URL.
func isPermanentTransportError(err error) bool {
	var unknownAuthority x509.UnknownAuthorityError
	var invalidCert x509.CertificateInvalidError
	var hostname x509.HostnameError
	return errors.As(err, &unknownAuthority) || errors.As(err, &invalidCert) || errors.As(err, &hostname)
}

// backoff waits exponentially with full jitter between attempts, honours a server's Retry-After,
// and never waits longer than maxWait, so a bad header cannot stall a run.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if wait, ok := retryAfter(resp); ok {
		return min(wait, maxWait)
	}
	ceiling := retryablehttp.DefaultBackoff(minWait, maxWait, attempt, nil)
	floor := min(minWait/2, ceiling)
	return floor + rand.N(ceiling-floor+1)
}

// retryAfter reads a 429 or 503 answer's Retry-After header, in seconds or as an HTTP date.
func retryAfter(resp *http.Response) (time.Duration, bool) {
	if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return 0, false
	}
	header := resp.Header.Get("Retry-After")
	if seconds, err := strconv.ParseInt(header, 10, 64); err == nil && seconds >= 0 {
		if seconds > int64(math.MaxInt64/time.Second) {
			return math.MaxInt64, true
		}
		return time.Duration(seconds) * time.Second, true
	}
	if at, err := http.ParseTime(header); err == nil {
		return max(time.Until(at), 0), true
	}
	return 0, false
}
