package iam

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync"
	"testing"
)

// exchange is one request a test expects and the answer it gets.
type exchange struct {
	method string
	// path is compared with the escaped path, so "1,2" and "1%2C2" differ.
	path string
	// query is the exact query expected; nil means none.
	query url.Values
	// body is the JSON expected, compared as JSON values (so an explicit null must be there); "" means no body.
	body   string
	status int
	// contentType of the answer; application/json when empty.
	contentType string
	answer      string
}

// scriptedClient serves exchanges in order, asserting each request, and fails the test if any is left unserved.
func scriptedClient(t *testing.T, script ...exchange) *Client {
	t.Helper()
	var mu sync.Mutex
	next := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if next >= len(script) {
			t.Errorf("unexpected request %s %s after the script ended", r.Method, r.URL)
			w.WriteHeader(http.StatusTeapot)
			return
		}
		want := script[next]
		next++
		checkRequest(t, r, want)
		ct := want.contentType
		if ct == "" {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
		if want.status != 0 {
			w.WriteHeader(want.status)
		}
		_, _ = io.WriteString(w, want.answer)
	}))
	t.Cleanup(func() {
		srv.Close()
		mu.Lock()
		defer mu.Unlock()
		if next != len(script) {
			t.Errorf("%d of %d scripted requests were made", next, len(script))
		}
	})
	return testClient(t, srv.URL)
}

func testClient(t *testing.T, baseURL string) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: baseURL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func checkRequest(t *testing.T, r *http.Request, want exchange) {
	t.Helper()
	if r.Method != want.method || r.URL.EscapedPath() != want.path {
		t.Errorf("request = %s %s, want %s %s", r.Method, r.URL.EscapedPath(), want.method, want.path)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer t" {
		t.Errorf("%s %s: Authorization = %q, want %q", r.Method, r.URL.Path, got, "Bearer t")
	}
	gotQuery := r.URL.Query()
	if len(gotQuery) == 0 {
		gotQuery = nil
	}
	if !reflect.DeepEqual(gotQuery, want.query) {
		t.Errorf("%s %s: query = %v, want %v", r.Method, r.URL.Path, gotQuery, want.query)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading the request body: %v", err)
		return
	}
	if want.body == "" {
		if len(body) != 0 {
			t.Errorf("%s %s: body = %s, want none", r.Method, r.URL.Path, body)
		}
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type = %q", r.Method, r.URL.Path, ct)
	}
	assertJSON(t, body, want.body)
}

// checkRequest and assertJSON run in the server's goroutine, so they report with Errorf, never Fatal.

// assertJSON compares two JSON documents as values: key order does not matter, a null key must be present.
func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Errorf("body %s is not JSON: %v", got, err)
		return
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Errorf("the expected body %s is not JSON: %v", want, err)
		return
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body =\n%s\nwant\n%s", got, want)
	}
}

// ptrTo returns a pointer to a copy of v.
func ptrTo[T any](v T) *T { return &v }
