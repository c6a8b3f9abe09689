package iam

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// FuzzNewError feeds the error parser any body: it must never panic, and the message must keep the
// status and never grow without bound.
func FuzzNewError(f *testing.F) {
	f.Add(404, []byte(`{"status":404,"error":"Not Found","message":"Role 42 not found"}`))
	f.Add(502, []byte("<html><body>Bad Gateway</body></html>"))
	f.Add(400, []byte(`{"message": null, "error": 5}`))
	f.Add(403, []byte(""))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			return
		}
		err := newError(http.MethodPost, "/uauth/roles/role", status, body)
		msg := err.Error()
		if !strings.Contains(msg, strconv.Itoa(status)) {
			t.Fatalf("message %q lost the status %d", msg, status)
		}
		if len(msg) > 400+len(body) {
			t.Fatalf("message of %d bytes from a body of %d", len(msg), len(body))
		}
	})
}

// FuzzListUsersPages answers every page with the same arbitrary body: reading must end, with users
// or an error, and never panic or loop.
func FuzzListUsersPages(f *testing.F) {
	f.Add([]byte(`{"content":[{"id":1,"email":"a@example.com"}],"totalElements":1,"totalPages":1,"number":0,"size":500,"last":true}`))
	f.Add([]byte(`{"content":[{"id":1}],"last":false}`))
	f.Add([]byte(`{"content":[],"totalElements":5}`))
	f.Add([]byte(`{"content":null,"totalPages":-1}`))
	f.Add([]byte(`[1,2,3]`))
	f.Add([]byte(`{"content":[{"id":"x"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		pages := 0
		c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
			pages++
			_, _ = w.Write(body)
		}, Config{})
		_, _ = c.ListUsers(context.Background(), UserFilter{})
		if pages > 3 {
			t.Fatalf("the same page was requested %d times", pages)
		}
	})
}
