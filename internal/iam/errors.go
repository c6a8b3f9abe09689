package iam

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

// Error is an answer of the API outside 2xx.
type Error struct {
	Method     string
	Path       string
	StatusCode int
	// Message is the API's own explanation, or an excerpt of the body when it sent no JSON error.
	Message string
	// Permission is what the API reference says the endpoint needs; set on 403 answers when it names one.
	Permission string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s %s: the API answered %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Permission != "" {
		msg += " (the endpoint needs the permission " + e.Permission + ")"
	}
	return msg
}

// apiErrorBody is the Spring-style error document the API sends.
type apiErrorBody struct {
	Status  int    `json:"status"`
	Error   string `json:"error"`
	Message string `json:"message"`
}

func newError(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, StatusCode: status}
	if status == http.StatusForbidden {
		e.Permission = permissions.ForRequest(method, path)
	}
	var doc apiErrorBody
	if err := json.Unmarshal(body, &doc); err == nil && (doc.Message != "" || doc.Error != "") {
		e.Message = doc.Message
		if e.Message == "" {
			e.Message = doc.Error
		}
		return e
	}
	if text := excerpt(body); text != "" {
		e.Message = "unexpected body: " + text
		if strings.HasPrefix(strings.ToLower(text), "<") {
			e.Message = "unexpected HTML or XML body: " + text
		}
	}
	return e
}

func hasStatus(err error, status int) bool {
	var apiErr *Error
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

// IsNotFound reports whether err is the API's 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err is the API's 409.
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// IsUnauthorized reports whether err is the API's 401: a missing, expired or invalid token.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports whether err is the API's 403: the token lacks a permission.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// TimeoutError is a request that ended because its last attempt got no answer within the request
// timeout (Config.RequestTimeout).
type TimeoutError struct {
	Method string
	Path   string
	// Timeout is the time each attempt was given.
	Timeout time.Duration
	// Attempts is how many attempts were made; TimedOut how many of them timed out, the last among them.
	Attempts int
	TimedOut int
}

func (e *TimeoutError) Error() string {
	msg := fmt.Sprintf("%s %s: timed out after %s per attempt; ", e.Method, e.Path, e.Timeout)
	switch {
	case e.Attempts == 1:
		return msg + "1 attempt was made"
	case e.TimedOut == e.Attempts:
		return msg + fmt.Sprintf("%d attempts were made, every one timed out", e.Attempts)
	default:
		return msg + fmt.Sprintf("%d attempts were made, %d of them timed out", e.Attempts, e.TimedOut)
	}
}

// ObjectKind names a kind of object that a create makes.
type ObjectKind string

// Kinds of created objects, as OutcomeUnknownError reports them.
const (
	KindRoleGroup ObjectKind = "role group"
	KindRole      ObjectKind = "role"
	// KindInvitation is one invitation; KindInvitations a batch of them, sent in one request.
	KindInvitation  ObjectKind = "invitation"
	KindInvitations ObjectKind = "invitations"
)

// OutcomeUnknownError is a create that may or may not have happened: its answer was lost, and the
// lookup that would have told failed as well, however often it was tried. Creating the object again
// could leave two of it; the caller should find out whether it exists first.
type OutcomeUnknownError struct {
	Kind ObjectKind
	// Object names the object as a person would look for it: `role "Auditor" in group 3`,
	// `invitation of ada@example.com`.
	Object string
	// Err is the create's failure; LookupErr the last failure of the lookup.
	Err       error
	LookupErr error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%v; the %s may have been created, but looking it up afterwards failed: %v", e.Err, e.Object, e.LookupErr)
}

func (e *OutcomeUnknownError) Unwrap() []error { return []error{e.Err, e.LookupErr} }
