package mockserver

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/synerise-oss/terraform-provider-synerise/api"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	for name, header := range map[string]map[string]string{
		"no header":    nil,
		"wrong token":  {"Authorization": "Bearer nope"},
		"wrong scheme": {"Authorization": "Basic " + testToken},
		"bare token":   {"Authorization": testToken},
	} {
		res := api.send(http.MethodGet, "/uauth/roles/listing", nil, header)
		if res.status != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401; body %s", name, res.status, res.body)
			continue
		}
		if got := res.message(t); got != "JWT missing, expired, or invalid" {
			t.Errorf("%s: message %q", name, got)
		}
		if got := res.header.Get("WWW-Authenticate"); got != "Bearer" {
			t.Errorf("%s: WWW-Authenticate %q", name, got)
		}
	}
	api.expect(http.MethodGet, "/uauth/roles/listing", nil, http.StatusOK, nil)

	// The reference marks these as needing no authentication.
	open := []struct{ method, path, body string }{
		{http.MethodGet, "/uauth/users/available-roles", ""},
		{http.MethodPost, "/uauth/password-reset/request", `{"email":"someone@example.com"}`},
		{http.MethodGet, "/uauth/strongest-password-settings-by-email/" + seedAdminEmail, ""},
	}
	for _, c := range open {
		var body any
		if c.body != "" {
			body = c.body
		}
		if res := api.send(c.method, c.path, body, nil); res.status != http.StatusOK {
			t.Errorf("%s %s without a token: status %d, want 200; body %s", c.method, c.path, res.status, res.body)
		}
	}
	// An open operation does not mind a token.
	api.expect(http.MethodGet, "/uauth/users/available-roles", nil, http.StatusOK, nil)
}

func TestNotFoundNamesTheRouteOrTheObject(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	unknownRoute := api.expectError(http.MethodGet, "/uauth/nothing/here", nil, http.StatusNotFound)
	if unknownRoute != "No endpoint GET /uauth/nothing/here" {
		t.Errorf("unknown route: message %q", unknownRoute)
	}
	missingRole := api.expectError(http.MethodGet, "/uauth/roles/42", nil, http.StatusNotFound)
	if missingRole != "Role 42 not found" {
		t.Errorf("missing role: message %q", missingRole)
	}
	missingGroup := api.expectError(http.MethodPost, "/uauth/roles/role", `{"group":99,"name":"x"}`, http.StatusNotFound)
	if missingGroup != "Role group 99 not found" {
		t.Errorf("missing group: message %q", missingGroup)
	}
	// An unknown route is 404 even without a token: there is nothing to authenticate for.
	if res := api.send(http.MethodGet, "/nope", nil, nil); res.status != http.StatusNotFound {
		t.Errorf("unknown route without a token: status %d", res.status)
	}
}

func TestWrongMethodIs405(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	res := api.call(http.MethodPut, "/uauth/roles/listing", nil)
	if res.status != http.StatusMethodNotAllowed {
		t.Fatalf("status %d, want 405; body %s", res.status, res.body)
	}
	if allow := res.header.Get("Allow"); !strings.Contains(allow, http.MethodGet) {
		t.Errorf("Allow %q does not offer GET", allow)
	}
	if got := res.message(t); got != "Request method 'PUT' is not supported" {
		t.Errorf("message %q", got)
	}
}

func TestRequestsAreValidatedAgainstTheDescription(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, method, path, body string
		// wants are fragments of the validator's message.
		wants []string
	}{
		{"unknown field", http.MethodPost, "/uauth/roles/role", `{"group":1,"name":"Editor","colour":"red"}`, []string{"colour"}},
		{"wrong type", http.MethodPost, "/uauth/roles/role", `{"group":"one","name":"Editor"}`, []string{"group"}},
		{"missing required field", http.MethodPost, "/uauth/roles/role", `{"group":1}`, []string{"name"}},
		{"bad enum", http.MethodPost, "/sauth/settings/device-control", `{"deviceControlMode":"SOMETIMES"}`, []string{"deviceControlMode"}},
		{"missing body", http.MethodPost, "/uauth/roles/role-group", "", []string{"body"}},
		{"malformed body", http.MethodPost, "/uauth/roles/role-group", `{"name":`, []string{"body"}},
		{"wrong path parameter type", http.MethodGet, "/uauth/roles/abc", "", []string{"roleId"}},
		{"wrong query parameter type", http.MethodGet, "/uauth/users/listing?page=first&size=10&status=ALL&search=", "", []string{"page"}},
		{"missing required query parameter", http.MethodGet, "/uauth/users/listing?page=0&size=10&status=ALL", "", []string{"search"}},
		{"bad query enum", http.MethodGet, "/uauth/users/listing?page=0&size=10&status=SLEEPING&search=", "", []string{"status"}},
		{"bad enum in a body-less operation", http.MethodPost, "/uauth/users/mfa/initialization?mfaType=SMS", "", []string{"mfaType"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			api := newTestAPI(t)
			before := api.mock.Snapshot()
			var body any
			if c.body != "" {
				body = c.body
			}
			msg := api.expectError(c.method, c.path, body, http.StatusBadRequest)
			for _, want := range c.wants {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not mention %q", msg, want)
				}
			}
			if after := api.mock.Snapshot(); len(after.Roles) != len(before.Roles) || len(after.RoleGroups) != len(before.RoleGroups) {
				t.Errorf("a refused request changed the workspace: %+v", after)
			}
		})
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	const latency = 100 * time.Millisecond
	srv := httptest.NewServer(New(Options{Latency: latency}))
	t.Cleanup(srv.Close)

	start := time.Now()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/uauth/users/available-roles", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if took := time.Since(start); took < latency {
		t.Errorf("answered after %v, before the latency of %v", took, latency)
	}

	ctx, cancel := context.WithTimeout(t.Context(), latency/4)
	defer cancel()
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/uauth/users/available-roles", nil)
	if res, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		if err == nil {
			res.Body.Close()
		}
		t.Errorf("a request cancelled during the latency: error %v", err)
	}
}

func TestDefaultToken(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(New(Options{}))
	t.Cleanup(srv.Close)
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/uauth/users/my-account", nil)
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("status %d with the default token", res.StatusCode)
	}
}

func TestRequestCounts(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	api.call(http.MethodGet, "/uauth/roles/1", nil)
	api.call(http.MethodGet, "/uauth/roles/2", nil)
	api.call(http.MethodGet, "/uauth/roles/listing", nil)
	api.call(http.MethodGet, "/nowhere", nil)
	api.call(http.MethodGet, controlPrefix+"counts", nil)

	counts := api.mock.RequestCounts()
	if counts["GET /uauth/roles/{roleId}"] != 2 || counts["GET /uauth/roles/listing"] != 1 || len(counts) != 2 {
		t.Errorf("counts %v", counts)
	}
	if total := api.mock.TotalRequests(); total != 4 {
		t.Errorf("total %d, want 4 (controls are not counted, unknown routes are)", total)
	}

	var overHTTP countsJSON
	api.expect(http.MethodGet, controlPrefix+"counts", nil, http.StatusOK, &overHTTP)
	if overHTTP.Total != 4 || overHTTP.Routes["GET /uauth/roles/{roleId}"] != 2 {
		t.Errorf("counts over HTTP %+v", overHTTP)
	}
	api.expect(http.MethodDelete, controlPrefix+"counts", nil, http.StatusNoContent, nil)
	if total, counts := api.mock.TotalRequests(), api.mock.RequestCounts(); total != 0 || len(counts) != 0 {
		t.Errorf("after reset: total %d, counts %v", total, counts)
	}
}

// The requests of routes that take a list of ids are noted one by one, so a bench can tell a client's
// batches apart; other routes are only counted.
func TestIDListsNoteEachRequestOfAListRoute(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	api.call(http.MethodDelete, "/uauth/users/invitations/7,8,9", nil)
	api.call(http.MethodDelete, "/uauth/users/invitations/10", nil)
	api.call(http.MethodDelete, "/uauth/users/profile-association/11,12", nil)
	api.call(http.MethodGet, "/uauth/roles/1", nil)

	const invitations = "DELETE /uauth/users/invitations/{invitationIds}"
	lists := api.mock.IDLists()
	if got := lists[invitations]; len(got) != 2 || got[0].IDs != 3 || got[1].IDs != 1 || got[1].At.Before(got[0].At) {
		t.Errorf("invitation deletes %+v, want 3 ids and then 1, in order", got)
	}
	if got := lists["DELETE /uauth/users/profile-association/{ids}"]; len(got) != 1 || got[0].IDs != 2 {
		t.Errorf("workspace removals %+v, want one of 2 ids", got)
	}
	if len(lists) != 2 {
		t.Errorf("id lists of %d routes, want only the two list routes: %v", len(lists), lists)
	}

	var overHTTP countsJSON
	api.expect(http.MethodGet, controlPrefix+"counts", nil, http.StatusOK, &overHTTP)
	if got := overHTTP.IDLists[invitations]; len(got) != 2 || got[0].IDs != 3 || got[0].At.IsZero() {
		t.Errorf("invitation deletes over HTTP %+v", got)
	}
	api.expect(http.MethodDelete, controlPrefix+"counts", nil, http.StatusNoContent, nil)
	if lists := api.mock.IDLists(); len(lists) != 0 {
		t.Errorf("after reset: %v", lists)
	}
}

func TestControlsNeedNoTokenAndAnswerErrorsLikeTheAPI(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	if res := api.send(http.MethodGet, controlPrefix+"snapshot", nil, nil); res.status != http.StatusOK {
		t.Errorf("snapshot without a token: status %d", res.status)
	}
	if msg := api.expectError(http.MethodGet, controlPrefix+"nothing", nil, http.StatusNotFound); msg != "No endpoint GET /_mock/nothing" {
		t.Errorf("unknown control: %q", msg)
	}
	if msg := api.expectError(http.MethodPost, controlPrefix+"invitations/99/accept", nil, http.StatusNotFound); msg != "Invitation 99 not found" {
		t.Errorf("accepting a missing invitation: %q", msg)
	}
	api.expectError(http.MethodPost, controlPrefix+"domains/example.com/publish?after=soon", nil, http.StatusBadRequest)
	api.expectError(http.MethodGet, controlPrefix+"invitations/1/accept", nil, http.StatusMethodNotAllowed)

	api.invite("mail@example.com")
	var mails []Mail
	api.expect(http.MethodGet, controlPrefix+"mails?to=MAIL@example.com", nil, http.StatusOK, &mails)
	if len(mails) != 1 || mails[0].Kind != MailInvitation || mails[0].To != "mail@example.com" || mails[0].Token == "" {
		t.Errorf("mails %+v", mails)
	}
	var snap Snapshot
	api.expect(http.MethodGet, controlPrefix+"snapshot", nil, http.StatusOK, &snap)
	if snap.Users["mail@example.com"] != 1 || snap.Roles["Admin"] != 1 || snap.RoleGroups["Default"] != 1 {
		t.Errorf("snapshot %+v", snap)
	}
}

func TestDescriptionIsValid(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Errorf("the API description is not valid OpenAPI: %v", err)
	}
}

func TestDescriptionCoversEveryRoute(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	routes := s.apiRoutes()
	if len(routes) != 75 {
		t.Errorf("%d routes, want the 75 endpoints of the index", len(routes))
	}
	served := map[string]bool{}
	for _, rt := range routes {
		method, path, _ := strings.Cut(rt.pattern, " ")
		served[shape(method, path)] = true
		if s.spec.operation(rt.pattern) == nil {
			t.Errorf("the API description has no operation for %s", rt.pattern)
		}
	}
	for key := range s.spec.ops {
		if !served[key] {
			t.Errorf("the API description has %s, which the mock does not serve", key)
		}
	}
}

func TestLimitedTokensNeedTheOperationsPermission(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(New(Options{LimitedTokens: map[string][]string{"reader": {"settings_users: read"}}}))
	t.Cleanup(srv.Close)
	call := func(method, path, body string) (int, string) {
		req, err := http.NewRequestWithContext(context.Background(), method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer reader")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, _ := call(http.MethodGet, "/uauth/roles/listing", ""); status != http.StatusOK {
		t.Errorf("read with settings_users: read answered %d", status)
	}
	status, body := call(http.MethodPost, "/uauth/roles/role-group", `{"name":"x"}`)
	if status != http.StatusForbidden || !strings.Contains(body, "settings_users: create required") {
		t.Errorf("create without settings_users: create answered %d %s", status, body)
	}
}

// my-account names no permission, so every accepted token reads it, a limited one too; a token of
// another scope is refused everywhere, my-account included.
func TestMyAccountAnswersEveryAcceptedTokenButAWrongScope(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(New(Options{
		LimitedTokens:    map[string][]string{"nothing": nil},
		WrongScopeTokens: []string{"profile"},
	}))
	t.Cleanup(srv.Close)
	for token, want := range map[string]int{
		DefaultToken: http.StatusOK, "nothing": http.StatusOK, "profile": http.StatusForbidden, "stranger": http.StatusUnauthorized,
	} {
		for _, path := range []string{"/uauth/users/my-account", "/uauth/roles/listing"} {
			req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
			expected := want
			if token == "nothing" && path == "/uauth/roles/listing" {
				expected = http.StatusForbidden
			}
			if resp.StatusCode != expected {
				t.Errorf("GET %s with %q answered %d, want %d", path, token, resp.StatusCode, expected)
			}
		}
	}
}
