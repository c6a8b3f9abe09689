// Package iam is a client for the Synerise Identity and Access Management REST API.
//
// It knows HTTP and JSON and nothing of Terraform: every method takes a context, sends one logical
// request (retried according to the policy in retry.go) and returns typed values or an error: an
// *Error for an answer outside 2xx, a *TimeoutError when the API did not answer in time, and an
// *OutcomeUnknownError for a create that may or may not have happened (creates.go).
package iam

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultBaseURL is the public Synerise API.
const DefaultBaseURL = "https://api.synerise.com"

// Logger receives the client's debug lines. The context is the request's, so a caller can attach
// the line to its own log subsystem. Lines never contain the token.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// Config holds what a Client needs. Only Token is required.
type Config struct {
	// BaseURL of the API, DefaultBaseURL when empty.
	BaseURL string
	// Token is sent as "Authorization: Bearer <Token>".
	Token string
	// UserAgent is sent on every request.
	UserAgent string
	// MaxRetries is how many times a retryable request is repeated: 0 repeats none, as max_retries = 0
	// does in the provider, whose default is DefaultMaxRetries.
	MaxRetries int
	// MinRetryWait and MaxRetryWait bound the wait between attempts, including a server's Retry-After.
	MinRetryWait time.Duration
	MaxRetryWait time.Duration
	// RequestTimeout bounds each attempt of a request, from sending it to reading the whole answer;
	// DefaultRequestTimeout when zero or negative. An attempt that times out is retried as a 503 is.
	RequestTimeout time.Duration
	// HTTPClient is the transport underneath; a pooled client when nil. The client uses a copy of it
	// whose Timeout is RequestTimeout.
	HTTPClient *http.Client
	// Logger receives debug lines about requests and retries; nothing is logged when nil.
	Logger Logger
	// MaxRequestsPerSecond caps the requests the client sends, every attempt of every request
	// counted, with a burst of one; zero means no cap.
	MaxRequestsPerSecond int
	// DeleteBatchWindow is the shortest time a batch of deletes of invitations or of memberships waits
	// for another delete of its kind to join it, and what a lone delete waits (see batch.go);
	// DefaultDeleteBatchWindow when zero or negative.
	DeleteBatchWindow time.Duration
	// BaselineMaxAge is how old a listing may be for a create to take it for what existed before it
	// (see baselines.go); DefaultBaselineMaxAge when zero or negative.
	BaselineMaxAge time.Duration
}

// Client talks to one workspace of the API with one token. It is safe for concurrent use.
type Client struct {
	baseURL   *url.URL
	token     string
	userAgent string
	http      *retryablehttp.Client
	logger    Logger
	// requestTimeout bounds each attempt; the http client enforces it, errors report it.
	requestTimeout time.Duration

	// shared holds the listings that readers share until the client next writes.
	shared sharedListings

	// creates serialises the creates of one natural key (see createOnce), so that two creates of
	// one name cannot take each other's object for their own.
	creates keyLocks

	// invitationDeletes and workspaceRemovals send the deletes that arrive close together as one request.
	invitationDeletes, workspaceRemovals *deleteBatcher
	// rolesListedAfter shares the role listings of concurrent role creates' lookups (see freshListing).
	rolesListedAfter freshListing[Role]
	// before is what the creates of each kind take for the objects that existed before them.
	before baselines
}

// New checks cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("an API token is required")
	}
	raw := cfg.BaseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	base, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, fmt.Errorf("invalid API URL %q: %w", raw, err)
	}
	if base.Scheme != "https" && base.Scheme != "http" || base.Host == "" {
		return nil, fmt.Errorf("invalid API URL %q: an absolute http(s) URL is required", raw)
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("invalid MaxRetries %d: 0 (no retries) or more is required", cfg.MaxRetries)
	}
	if cfg.MaxRequestsPerSecond < 0 {
		return nil, fmt.Errorf("the request rate cap must be 0 (none) or more, got %d", cfg.MaxRequestsPerSecond)
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-synerise"
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.DeleteBatchWindow <= 0 {
		cfg.DeleteBatchWindow = DefaultDeleteBatchWindow
	}
	if cfg.BaselineMaxAge <= 0 {
		cfg.BaselineMaxAge = DefaultBaselineMaxAge
	}
	c := &Client{
		baseURL:        base,
		token:          cfg.Token,
		userAgent:      cfg.UserAgent,
		logger:         cfg.Logger,
		requestTimeout: cfg.RequestTimeout,
	}
	c.before = newBaselines(c, cfg.BaselineMaxAge)
	c.shared.rolePII = newSharedObjects[int64, *RolePII](rolePIIReadsAtOnce)
	c.http = newRetryingClient(cfg, c.debug)
	c.invitationDeletes = newDeleteBatcher(c, "/uauth/users/invitations/", cfg.DeleteBatchWindow)
	c.workspaceRemovals = newDeleteBatcher(c, "/uauth/users/profile-association/", cfg.DeleteBatchWindow)
	return c, nil
}

func (c *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if c.logger != nil {
		c.logger.Debug(ctx, msg, fields)
	}
}

// request describes one API call.
type request struct {
	method string
	path   string
	query  url.Values
	body   any
	// idempotent requests may be retried after the server may have processed them.
	idempotent bool
}

// do sends r and decodes a successful answer into out (when out is not nil). A non-2xx answer becomes
// *Error, a 2xx answer that is not the JSON out expects an *answerError. With a nil out the answer is
// not read: that is how the endpoints are called whose success the reference gives no JSON body,
// since the API may answer them with nothing, or with another media type.
func (c *Client) do(ctx context.Context, r request, out any) error {
	a, err := c.exchange(ctx, r)
	if err != nil || out == nil {
		return err
	}
	return a.decode(out)
}

// answer is a successful answer of the API.
type answer struct {
	method, path string
	status       int
	body         []byte
}

// decode reads the answer as the JSON of out.
func (a answer) decode(out any) error {
	if len(bytes.TrimSpace(a.body)) == 0 {
		return &answerError{method: a.method, path: a.path, problem: fmt.Sprintf("%d with an empty body where JSON was expected", a.status)}
	}
	if err := json.Unmarshal(a.body, out); err != nil {
		return &answerError{method: a.method, path: a.path, err: err,
			problem: fmt.Sprintf("%d with a body that is not the expected JSON (%v); body starts with %q", a.status, err, excerpt(a.body))}
	}
	return nil
}

// answerError is a success of the API whose answer the client cannot use: it is not the JSON
// expected, or it does not name what the request made. The request was processed all the same.
type answerError struct {
	method, path string
	// problem completes "the API answered ...".
	problem string
	err     error
}

func (e *answerError) Error() string {
	return fmt.Sprintf("%s %s: the API answered %s", e.method, e.path, e.problem)
}

func (e *answerError) Unwrap() error { return e.err }

// exchange sends r and returns its successful answer; a non-2xx answer becomes *Error.
func (c *Client) exchange(ctx context.Context, r request) (answer, error) {
	u := *c.baseURL
	u.Path = c.baseURL.Path + r.path
	u.RawQuery = r.query.Encode()

	var body io.Reader
	if r.body != nil {
		encoded, err := json.Marshal(r.body)
		if err != nil {
			return answer{}, fmt.Errorf("encoding %s %s request: %w", r.method, r.path, err)
		}
		body = bytes.NewReader(encoded)
	}
	ctx, tally := withTally(ctx)
	req, err := retryablehttp.NewRequestWithContext(withIdempotency(ctx, r.idempotent), r.method, u.String(), body)
	if err != nil {
		return answer{}, fmt.Errorf("building %s %s request: %w", r.method, r.path, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if attempt, _ := ctx.Value(attemptKey{}).(int); attempt > 1 {
		req.Header.Set(AttemptHeader, strconv.Itoa(attempt))
	}

	if r.method != http.MethodGet {
		c.shared.clock.tick()
		defer c.shared.clock.tick()
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return answer{}, fmt.Errorf("%s %s: %w", r.method, r.path, ctxErr)
		}
		if isTimeout(err) {
			return answer{}, &TimeoutError{Method: r.method, Path: r.path, Timeout: c.requestTimeout, Attempts: tally.attempts, TimedOut: tally.timeouts}
		}
		return answer{}, fmt.Errorf("%s %s: %w", r.method, r.path, err)
	}
	defer resp.Body.Close()

	payload, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: reading response: %w", r.method, r.path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return answer{}, newError(r.method, r.path, resp.StatusCode, payload)
	}
	return answer{method: r.method, path: r.path, status: resp.StatusCode, body: payload}, nil
}

// maxResponseBytes bounds what is read of one answer; the largest legitimate one is a page of users.
const maxResponseBytes = 64 << 20

func excerpt(b []byte) string {
	const limit = 200
	s := strings.TrimSpace(string(b))
	if len(s) > limit {
		return s[:limit] + "…"
	}
	return s
}
