package iam

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// outcomeUnknown reports whether a failed write may nevertheless have been processed: the server
// answered 5xx, or the connection failed after the request was sent. A refused connection never
// reaches here (the retry policy repeats it), and a cancelled context is the caller's decision.
func outcomeUnknown(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode >= http.StatusInternalServerError
	}
	return true
}

// createOnce sends a create that the API cannot deduplicate. When its outcome is unknown, it looks
// the object up by its natural key and adopts it if it is there; only if it is not is the create
// sent again. So a lost answer never leaves a second object behind.
func createOnce[T any](ctx context.Context, c *Client, what string, create func(context.Context) (T, error), find func() (T, bool, error)) (T, error) {
	var zero T
	for attempt := 0; ; attempt++ {
		created, err := create(withAttempt(ctx, attempt+1))
		if !outcomeUnknown(err) || attempt >= c.http.RetryMax {
			return created, err
		}
		c.debug(ctx, "create outcome unknown; looking the object up before sending it again", map[string]any{"object": what, "error": err.Error()})
		found, ok, lookupErr := find()
		if lookupErr != nil {
			return zero, fmt.Errorf("%w; looking %s up afterwards failed too: %w", err, what, lookupErr)
		}
		if ok {
			c.debug(ctx, "the create had happened; adopting the object", map[string]any{"object": what})
			return found, nil
		}
		select {
		case <-ctx.Done():
			return zero, ctx.Err()
		case <-time.After(backoff(c.http.RetryWaitMin, c.http.RetryWaitMax, attempt, nil)):
		}
	}
}

// findMember finds a member or invitation of the workspace by email address.
func (c *Client) findMember(ctx context.Context, email string) (*User, bool, error) {
	users, err := c.ListUsers(ctx, UserFilter{Search: email})
	if err != nil {
		return nil, false, err
	}
	for i := range users {
		if strings.EqualFold(users[i].Email, email) {
			return &users[i], true, nil
		}
	}
	return nil, false, nil
}
