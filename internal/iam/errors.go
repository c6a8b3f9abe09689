package iam

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
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
		e.Permission = permissionFor(method, path)
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
