package iam

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// UnconfirmedResetError is a password reset that may or may not have happened: the API failed after
// the request may have reached it (a 5xx answer, a dropped connection, no answer in time). Sending it
// again would mail the user a second link and void the first, so the client leaves that to a person.
type UnconfirmedResetError struct {
	UserID int64
	Err    error
}

func (e *UnconfirmedResetError) Error() string {
	return fmt.Sprintf("%v; the password reset of user %d may have been requested all the same", e.Err, e.UserID)
}

func (e *UnconfirmedResetError) Unwrap() error { return e.Err }

// ResetUserPassword has the API mail a user a password reset link; their account is locked until they
// set a new password. Each request mails a new link, so a request that may have reached the API is
// never repeated: only a refused connection or a 429 is retried, and a failure after the request may
// have been processed is an *UnconfirmedResetError.
func (c *Client) ResetUserPassword(ctx context.Context, id int64) error {
	err := c.do(ctx, request{method: http.MethodPost, path: "/uauth/users/" + strconv.FormatInt(id, 10) + "/password-reset"}, nil)
	if outcomeUnknown(ctx, err) {
		return &UnconfirmedResetError{UserID: id, Err: err}
	}
	return err
}

// ResetUserMFA removes a user's multi-factor authentication, so that they set it up again at their
// next sign-in. Resetting it twice leaves what resetting it once does, so the request is retried
// like a read.
func (c *Client) ResetUserMFA(ctx context.Context, id int64) error {
	return c.do(ctx, request{method: http.MethodPut, path: "/uauth/users/" + strconv.FormatInt(id, 10) + "/mfa-reset", idempotent: true}, nil)
}
