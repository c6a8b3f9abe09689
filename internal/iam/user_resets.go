package iam

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
)

// UnconfirmedResetError is a password reset that may or may not have happened: the API failed after
// the request may have reached it (a 5xx answer, a dropped connection, no answer in time), or the
// caller gave up on it after it was sent (Interrupted). Sending it again would mail the user a second
// link and void the first, so the client leaves that to a person. The request is never retried once
// it may have reached the API, so raising the retries would not have helped.
type UnconfirmedResetError struct {
	UserID int64
	Err    error
	// Interrupted says that the caller's context ended while the request was out: Terraform was
	// interrupted, for one, after the request reached the API.
	Interrupted bool
}

func (e *UnconfirmedResetError) Error() string {
	return fmt.Sprintf("%v; the password reset of user %d may have been requested all the same", e.Err, e.UserID)
}

func (e *UnconfirmedResetError) Unwrap() error { return e.Err }

// ResetUserPassword has the API mail a user a password reset link; their account is locked until they
// set a new password. Each request mails a new link, so a request that may have reached the API is
// never repeated: only a refused connection or a 429 is retried, and a failure after the request may
// have been processed is an *UnconfirmedResetError, also when ctx ends after the request was sent.
func (c *Client) ResetUserPassword(ctx context.Context, id int64) error {
	// The request counts as sent once its headers were written: it has no body. An attempt the API
	// answered 429 counts too, which errs on the side of asking whether a link arrived.
	var sent atomic.Bool
	traced := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { sent.Store(true) }})
	err := c.do(traced, request{method: http.MethodPost, path: "/uauth/users/" + strconv.FormatInt(id, 10) + "/password-reset"}, nil)
	switch {
	case outcomeUnknown(ctx, err):
		return &UnconfirmedResetError{UserID: id, Err: err}
	case err != nil && ctx.Err() != nil && sent.Load():
		return &UnconfirmedResetError{UserID: id, Err: err, Interrupted: true}
	}
	return err
}

// ResetUserMFA removes a user's multi-factor authentication, so that they set it up again at their
// next sign-in. Resetting it twice leaves what resetting it once does, so the request is retried
// like a read.
func (c *Client) ResetUserMFA(ctx context.Context, id int64) error {
	return c.do(ctx, request{method: http.MethodPut, path: "/uauth/users/" + strconv.FormatInt(id, 10) + "/mfa-reset", idempotent: true}, nil)
}
