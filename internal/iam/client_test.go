package iam

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func newTestClient(t *testing.T, handler http.HandlerFunc, cfg Config) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL
	if cfg.Token == "" {
		cfg.Token = "secret-token"
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	if _, err := New(Config{}); err == nil || !strings.Contains(err.Error(), "token is required") {
		t.Errorf("New without token: %v", err)
	}
	if _, err := New(Config{Token: "t", BaseURL: "api.synerise.com"}); err == nil {
		t.Error("New with a relative URL succeeded")
	}
}

func TestRequestHeaders(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			// The listing of same-named roles that precedes a create.
			_, _ = io.WriteString(w, `[]`)
			return
		}
		if got := r.Header.Get("Authorization"); got != "Bearer secret-token" {
			t.Errorf("Authorization = %q", got)
		}
		if got := r.Header.Get("User-Agent"); got != "terraform-provider-synerise/1.2.3" {
			t.Errorf("User-Agent = %q", got)
		}
		if r.Method == http.MethodPost && r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
		}
		_, _ = io.WriteString(w, `{"id": 7, "name": "Auditor", "group": 3, "description": "", "unknownField": [1, 2]}`)
	}, Config{UserAgent: "terraform-provider-synerise/1.2.3"})
	role, err := c.CreateRole(context.Background(), RoleInput{Group: 3, Name: "Auditor"})
	if err != nil {
		t.Fatal(err)
	}
	if *role != (Role{ID: 7, Name: "Auditor", Group: 3}) {
		t.Errorf("role = %+v", role)
	}
}

func TestErrorsCarryStatusAndMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        string
		check       func(error) bool
	}{
		{
			name: "spring error", status: 404, contentType: "application/json",
			body:  `{"timestamp":"2026-11-25T10:00:00Z","status":404,"error":"Not Found","message":"Role 42 not found","path":"/uauth/roles/42"}`,
			want:  "GET /uauth/roles/42: the API answered 404 Not Found: Role 42 not found",
			check: IsNotFound,
		},
		{
			name: "html error page", status: 502, contentType: "text/html",
			body:  "<html><body><h1>502 Bad Gateway</h1></body></html>",
			want:  "the API answered 502 Bad Gateway: unexpected HTML or XML body: <html>",
			check: func(err error) bool { return !IsNotFound(err) },
		},
		{
			name: "empty body", status: 403,
			want:  "GET /uauth/roles/42: the API answered 403 Forbidden",
			check: IsForbidden,
		},
		{
			name: "error without message", status: 401, contentType: "application/json",
			body:  `{"status":401,"error":"Unauthorized"}`,
			want:  "the API answered 401 Unauthorized: Unauthorized",
			check: IsUnauthorized,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}, Config{})
			_, err := c.GetRole(context.Background(), 42)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
			if !tt.check(err) {
				t.Errorf("classification of %v failed", err)
			}
			if strings.Contains(err.Error(), "secret-token") {
				t.Error("the error message contains the token")
			}
		})
	}
}

func TestUnexpectedSuccessBodies(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"empty":          "",
		"malformed json": `{"id": 7,`,
		"html":           "<html>maintenance</html>",
		"wrong shape":    `[{"id": 7}]`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
				_, _ = io.WriteString(w, body)
			}, Config{})
			if _, err := c.GetRole(context.Background(), 7); err == nil || !strings.Contains(err.Error(), "GET /uauth/roles/7: the API answered 200") {
				t.Errorf("error = %v", err)
			}
		})
	}
}

func TestCreateRoleGroupFindsTheNewGroup(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	groups := []RoleGroup{{ID: 1, Name: "Administrators"}, {ID: 2, Name: "Security"}}
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method + " " + r.URL.Path {
		case "GET /uauth/roles/listing":
		case "POST /uauth/roles/role-group":
			var in RoleGroupInput
			if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
				t.Error(err)
			}
			posts.Add(1)
			// A same-named group exists already; the answer is every group, unordered.
			groups = append([]RoleGroup{{ID: 9, Name: in.Name, Description: in.Description}}, groups...)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		}
		_ = json.NewEncoder(w).Encode(groups)
	}, Config{})
	got, err := c.CreateRoleGroup(context.Background(), RoleGroupInput{Name: "Security", Description: "new"})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != 9 || got.Description != "new" || posts.Load() != 1 {
		t.Errorf("created = %+v after %d posts", got, posts.Load())
	}
}

func TestUpdateRoleGroupMissingFromAnswer(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `[{"id": 1, "name": "Administrators"}]`)
	}, Config{})
	if _, err := c.UpdateRoleGroup(context.Background(), 5, RoleGroupInput{Name: "x"}); !IsNotFound(err) {
		t.Errorf("error = %v, want not found", err)
	}
}

func TestContextCancelsARequest(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	}, Config{MaxRetries: 3, MaxRetryWait: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListRoleGroups(ctx)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("error = %v after %s; a cancelled context must end the wait at once", err, time.Since(start))
	}
}

func TestForbiddenNamesThePermission(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/uauth/users/available-roles" {
			// The listing of same-named roles that precedes a role create, so that the create's own 403 is seen.
			_, _ = io.WriteString(w, `[]`)
			return
		}
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, `{"status":403,"error":"Forbidden","message":"Insufficient permissions"}`)
	}, Config{})
	for _, tt := range []struct {
		call func() error
		want string
	}{
		{func() error { _, err := c.CreateRoleGroup(context.Background(), RoleGroupInput{Name: "x"}); return err }, "settings_users: read"},
		{func() error { _, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "x"}); return err }, "settings_users: update"},
		{func() error { _, err := c.GetRole(context.Background(), 7); return err }, "settings_users: read"},
		{func() error { _, err := c.GetRolePII(context.Background(), 7); return err }, "settings_users: read"},
		{func() error {
			_, err := c.ReplaceSettings(context.Background(), "/uauth/settings/password-policy", map[string]any{})
			return err
		}, "settings_users_am_password_policy: update"},
		{func() error { _, err := c.ListUsers(context.Background(), UserFilter{}); return err }, "settings_users: read"},
		{func() error { return c.DeleteManagedDomain(context.Background(), "example.com") }, "managed_domains: delete"},
	} {
		err := tt.call()
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.Permission != tt.want || !strings.Contains(err.Error(), "needs the permission "+tt.want) {
			t.Errorf("error = %v, want it to name %q", err, tt.want)
		}
	}
}

// The reference gives the success of these endpoints no JSON body: the API may answer them with
// nothing, or with another media type, and the client must not need anything.
func TestSparseAnswersAreNotRead(t *testing.T) {
	t.Parallel()
	calls := map[string]func(context.Context, *Client) error{
		"update invitation":  func(ctx context.Context, c *Client) error { return c.UpdateInvitation(ctx, 21, InvitationUpdate{}) },
		"delete invitations": func(ctx context.Context, c *Client) error { return c.DeleteInvitations(ctx, 21, 22) },
		"remove users":       func(ctx context.Context, c *Client) error { return c.RemoveUsersFromWorkspace(ctx, 21) },
		"access time":        func(ctx context.Context, c *Client) error { return c.SetUserAccessExpiration(ctx, 21, nil) },
		"activate":           func(ctx context.Context, c *Client) error { return c.ActivateUsers(ctx, 21) },
		"deactivate":         func(ctx context.Context, c *Client) error { return c.DeactivateUsers(ctx, 21) },
		"require mfa":        func(ctx context.Context, c *Client) error { return c.EnableMFARequirement(ctx) },
		"stop requiring mfa": func(ctx context.Context, c *Client) error { return c.DisableMFARequirement(ctx) },
		"delete domain":      func(ctx context.Context, c *Client) error { return c.DeleteManagedDomain(ctx, "example.com") },
	}
	answers := []struct {
		status            int
		contentType, body string
	}{
		{http.StatusOK, "", ""},
		{http.StatusOK, "*/*", ""},
		{http.StatusOK, "text/plain", "OK"},
		{http.StatusCreated, "text/html", "<p>Created</p>"},
		{http.StatusNoContent, "", ""},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
				a := answers[int(n.Add(1)-1)%len(answers)]
				if a.contentType != "" {
					w.Header().Set("Content-Type", a.contentType)
				}
				w.WriteHeader(a.status)
				_, _ = io.WriteString(w, a.body)
			}, Config{})
			for _, a := range answers {
				if err := call(context.Background(), c); err != nil {
					t.Errorf("answered %d %q %q: %v", a.status, a.contentType, a.body, err)
				}
			}
		})
	}
}
