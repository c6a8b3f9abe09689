package iam

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A read keeps every field the API answers and every integer exactly, beyond float64's precision.
func TestReadSettingsKeepsEveryFieldAndNumber(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t, exchange{method: "GET", path: "/sauth/settings/ban",
		answer: `{"blockingForClientEnabled": true, "firstBanDuration": 9007199254740993, "hardMailTitle": null, "mapping": {"a": "b"}, "ipPolicy": ["203.0.113.7"]}`})
	got, err := c.ReadSettings(context.Background(), "/sauth/settings/ban")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"blockingForClientEnabled": true, "firstBanDuration": json.Number("9007199254740993"), "hardMailTitle": nil,
		"mapping": map[string]any{"a": "b"}, "ipPolicy": []any{"203.0.113.7"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read\n%#v\nwant\n%#v", got, want)
	}
}

// A replace sends the object as given, explicit nulls and empty collections included, and returns
// the object the API answers.
func TestReplaceSettingsSendsTheWholeObject(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t, exchange{method: "POST", path: "/sauth/settings/oauth",
		body:   `{"enabled": false, "mode": "SERVER", "name": null, "headers": {}, "ipPolicy": [], "maxLength": 8}`,
		answer: `{"enabled": false, "mode": "SERVER", "name": null, "headers": null, "ipPolicy": [], "maxLength": 8}`})
	sent := map[string]any{"enabled": false, "mode": "SERVER", "name": nil, "headers": map[string]string{}, "ipPolicy": []string{}, "maxLength": 8}
	got, err := c.ReplaceSettings(context.Background(), "/sauth/settings/oauth", sent)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"enabled": false, "mode": "SERVER", "name": nil, "headers": nil, "ipPolicy": []any{}, "maxLength": json.Number("8")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("replace answered\n%#v\nwant\n%#v", got, want)
	}
}

// The reference gives some writes no JSON body, and an answer may carry less than the object: then
// what the API stored is read back rather than guessed.
func TestReplaceSettingsReadsBackAnAnswerThatIsNotTheObject(t *testing.T) {
	t.Parallel()
	for name, answer := range map[string]exchange{
		"no body":         {status: http.StatusOK, contentType: "*/*"},
		"no content":      {status: http.StatusNoContent},
		"plain text":      {contentType: "text/plain", answer: "OK"},
		"another object":  {answer: `{"status": "ok"}`},
		"a field missing": {answer: `{"enabled": true}`},
		"null":            {answer: `null`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			answer.method, answer.path, answer.body = "POST", "/sauth/settings/oauth/apple", `{"enabled": true, "bundle": "com.example.app"}`
			c := scriptedClient(t, answer,
				exchange{method: "GET", path: "/sauth/settings/oauth/apple", answer: `{"enabled": true, "bundle": "com.example.app"}`})
			got, err := c.ReplaceSettings(context.Background(), "/sauth/settings/oauth/apple", map[string]any{"enabled": true, "bundle": "com.example.app"})
			if err != nil {
				t.Fatal(err)
			}
			if want := map[string]any{"enabled": true, "bundle": "com.example.app"}; !reflect.DeepEqual(got, want) {
				t.Errorf("replace = %v, want %v", got, want)
			}
		})
	}
}

// Replacing a settings object is idempotent, so a gateway error is retried.
func TestReplaceSettingsIsRetried(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if posts.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"attempts": 5}`))
	}, Config{MaxRetries: 1, MinRetryWait: time.Millisecond, MaxRetryWait: time.Millisecond})
	if _, err := c.ReplaceSettings(context.Background(), "/uauth/settings/password-policy", map[string]any{"attempts": 5}); err != nil {
		t.Fatal(err)
	}
	if n := posts.Load(); n != 2 {
		t.Errorf("%d requests, want the failed one and its retry", n)
	}
}

func TestSettingsErrors(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/sauth/settings/ban", status: 502, contentType: "text/html", answer: "<html><body>Bad Gateway</body></html>"},
		exchange{method: "GET", path: "/uauth/settings/password-policy", answer: `["attempts"]`},
		exchange{method: "GET", path: "/uauth/settings/password-policy", answer: `{"attempts": 5} {"attempts": 6}`},
		exchange{method: "POST", path: "/uauth/settings/password-policy", body: `{"maxLength": 4, "minLength": 8}`,
			status: 400, answer: `{"status":400,"error":"Bad Request","message":"minLength must not exceed maxLength"}`},
		exchange{method: "GET", path: "/sauth/settings/templates", status: 404,
			answer: `{"timestamp":"2026-11-25T10:00:00Z","status":404,"error":"Not Found","message":"No endpoint GET /sauth/settings/templates","path":"/sauth/settings/templates"}`},
	)
	ctx := context.Background()
	if _, err := c.ReadSettings(ctx, "/sauth/settings/ban"); err == nil || !strings.Contains(err.Error(), "GET /sauth/settings/ban: the API answered 502 Bad Gateway: unexpected HTML or XML body") {
		t.Errorf("502: %v", err)
	}
	for range 2 {
		if got, err := c.ReadSettings(ctx, "/uauth/settings/password-policy"); got != nil || err == nil || !strings.Contains(err.Error(), "not a JSON object") {
			t.Errorf("malformed: %v, %v", got, err)
		}
	}
	if _, err := c.ReplaceSettings(ctx, "/uauth/settings/password-policy", map[string]any{"maxLength": 4, "minLength": 8}); err == nil || !strings.Contains(err.Error(), "minLength must not exceed maxLength") {
		t.Errorf("400: %v", err)
	}
	if _, err := c.ReadSettings(ctx, "/sauth/settings/templates"); !IsNotFound(err) || !strings.Contains(err.Error(), "No endpoint GET") {
		t.Errorf("404: %v", err)
	}
}
