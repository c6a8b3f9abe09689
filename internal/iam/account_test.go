package iam

import (
	"context"
	"errors"
	"net"
	"testing"
)

func TestWhoami(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name        string
		contentType string
		answer      string
		want        Account
	}{
		{name: "a user", answer: `{"id": 7, "email": "ada@example.com", "status": "ACTIVE"}`, want: Account{ID: 7, Email: "ada@example.com"}},
		{name: "an email only", answer: `{"email": "ada@example.com"}`, want: Account{Email: "ada@example.com"}},
		{name: "an id as a string", answer: `{"id": "7"}`, want: Account{ID: 7}},
		{name: "no body", answer: ""},
		{name: "another media type", contentType: "text/plain", answer: "OK"},
		{name: "a list", answer: `[{"id": 7}]`},
		{name: "an id that is no number", answer: `{"id": "ada", "email": "ada@example.com"}`, want: Account{Email: "ada@example.com"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := scriptedClient(t, exchange{method: "GET", path: "/uauth/users/my-account", contentType: tt.contentType, answer: tt.answer})
			got, err := c.Whoami(context.Background())
			if err != nil || got != tt.want {
				t.Errorf("Whoami() = %+v, %v, want %+v", got, err, tt.want)
			}
			if got.Named() != (tt.want != Account{}) {
				t.Errorf("Named() = %v for %+v", got.Named(), got)
			}
		})
	}
}

func TestWhoamiErrors(t *testing.T) {
	t.Parallel()
	t.Run("401", func(t *testing.T) {
		t.Parallel()
		c := scriptedClient(t, exchange{method: "GET", path: "/uauth/users/my-account", status: 401, answer: `{"status": 401, "message": "Token expired"}`})
		if _, err := c.Whoami(context.Background()); !IsUnauthorized(err) {
			t.Errorf("error = %v, want a 401", err)
		}
	})
	t.Run("403", func(t *testing.T) {
		t.Parallel()
		c := scriptedClient(t, exchange{method: "GET", path: "/uauth/users/my-account", status: 403, answer: `{"status": 403, "message": "Wrong scope"}`})
		if _, err := c.Whoami(context.Background()); !IsForbidden(err) {
			t.Errorf("error = %v, want a 403", err)
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		t.Parallel()
		listener, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := "http://" + listener.Addr().String()
		_ = listener.Close()
		c, err := New(Config{BaseURL: closed, Token: "t", MaxRetries: 0})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Whoami(context.Background())
		var apiErr *Error
		if err == nil || errors.As(err, &apiErr) {
			t.Errorf("error = %v, want a transport error", err)
		}
	})
}
