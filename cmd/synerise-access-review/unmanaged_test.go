package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

func TestMain(m *testing.M) {
	// The command retries as the provider does; here it waits milliseconds, so that an unreachable
	// API fails within the test's patience.
	apiRetries.MinRetryWait, apiRetries.MaxRetryWait = time.Millisecond, 5*time.Millisecond
	os.Exit(m.Run())
}

const mockToken = "unmanaged-token"

// managedWorkspace is a mock workspace where a state manages the group Engineering, its role
// Developer and the invitation of lead@example.com, and somebody invited handmade@example.com
// through the API. It returns the API's environment and the state.
func managedWorkspace(t *testing.T, opts mockserver.Options) (env map[string]string, state string) {
	t.Helper()
	opts.Token = mockToken
	srv := httptest.NewServer(mockserver.New(opts))
	t.Cleanup(srv.Close)
	client, err := iam.New(iam.Config{BaseURL: srv.URL, Token: mockToken})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	group, err := client.CreateRoleGroup(ctx, iam.RoleGroupInput{Name: "Engineering"})
	if err != nil {
		t.Fatal(err)
	}
	role, err := client.CreateRole(ctx, iam.RoleInput{Group: group.ID, Name: "Developer"})
	if err != nil {
		t.Fatal(err)
	}
	lead, err := client.InviteUser(ctx, iam.Invitation{Email: "lead@example.com", Roles: []int64{role.ID}})
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"handmade@example.com", "breakglass@example.com"} {
		if _, err := client.InviteUser(ctx, iam.Invitation{Email: email, Roles: []int64{role.ID, 3}}); err != nil {
			t.Fatal(err)
		}
	}
	state = fmt.Sprintf(`{"format_version": "1.0", "values": {"root_module": {"resources": [
		{"address": "synerise_role_group.engineering", "mode": "managed", "type": "synerise_role_group", "name": "engineering", "values": {"id": %d, "name": "Engineering"}},
		{"address": "synerise_invitation.lead", "mode": "managed", "type": "synerise_invitation", "name": "lead", "values": {"id": %d, "email": "Lead@Example.com"}}
	], "child_modules": [{"address": "module.roles", "resources": [
		{"address": "module.roles.synerise_role.developer", "mode": "managed", "type": "synerise_role", "name": "developer", "values": {"id": %d, "name": "Developer"}}
	]}]}}}`, group.ID, lead.ID, role.ID)
	return map[string]string{envAPIURL: srv.URL, envAPIToken: mockToken}, state
}

// writeFile writes text to a file of its own and returns its path.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// seededExceptions accept what every new mock workspace holds: its owner, groups and roles.
const seededExceptions = `{
	"members": [{"email": "admin@example.com", "reason": "The workspace's owner"}%s],
	"roles": [{"name": "Admin", "group": "Administrators", "reason": "Built in"}, {"name": "Owner", "reason": "Built in"},
		{"name": "Marketer", "group": "Default", "reason": "Built in"}, {"name": "Analyst", "group": "Default", "reason": "Built in"}],
	"role_groups": [{"name": "Administrators", "reason": "Built in"}, {"name": "Default", "reason": "Built in"}]}`

// A member invited through the API shows as unmanaged, one the exceptions file lists does not; with
// every member accepted too, nothing is unmanaged. Both with role groups listed with their roles and
// without (when the client reads each role).
func TestUnmanagedAgainstTheMock(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string]mockserver.Options{
		"groups listed with their roles":    {},
		"groups listed without their roles": {Without: []mockserver.Assumption{mockserver.RolesInGroupListings}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env, state := managedWorkspace(t, opts)
			breakglass := `, {"email": "BreakGlass@example.com", "reason": "Break-glass account"}`
			exceptions := writeFile(t, "exceptions.json", fmt.Sprintf(seededExceptions, breakglass))

			code, stdout, stderr := invoke(t, state, env, "unmanaged", "-exceptions", exceptions)
			wantRow := "| handmade@example.com | pending | Developer, Marketer |"
			if code != exitUnmanaged || !strings.Contains(stdout, "Unmanaged: 1 member. 8 more are accepted exceptions.\n") ||
				!strings.Contains(stdout, wantRow) || !strings.Contains(stdout, "| member | breakglass@example.com |") {
				t.Errorf("exit %d (stderr %q), want 3 and %q alone unmanaged in:\n%s", code, stderr, wantRow, stdout)
			}
			if !strings.Contains(stderr, "the state does not manage 1 of the workspace's members, roles and role groups") {
				t.Errorf("stderr %q does not say what is unmanaged", stderr)
			}

			handmade := `, {"email": "handmade@example.com", "reason": "Invited by hand, to adopt"}` + breakglass
			exceptions = writeFile(t, "exceptions.json", fmt.Sprintf(seededExceptions, handmade))
			code, stdout, stderr = invoke(t, state, env, "unmanaged", "-exceptions", exceptions)
			if code != exitOK || !strings.Contains(stdout, "Nothing unmanaged besides 9 accepted exceptions.\n") {
				t.Errorf("with every member accepted: exit %d (stderr %q), want 0 and nothing unmanaged in:\n%s", code, stderr, stdout)
			}
		})
	}
}

func TestUnmanagedAsJSON(t *testing.T) {
	t.Parallel()
	env, state := managedWorkspace(t, mockserver.Options{})
	stateFile := writeFile(t, "state.json", state)
	code, stdout, stderr := invoke(t, "", env, "unmanaged", "-format", "json", stateFile)
	if code != exitUnmanaged {
		t.Fatalf("exit %d, want 3; stderr %s", code, stderr)
	}
	var report struct {
		FormatVersion string `json:"format_version"`
		Resources     int    `json:"synerise_resources_in_state"`
		Unmanaged     struct {
			Members []struct {
				Email, Status string
				Roles         []string
			} `json:"members"`
			Roles, RoleGroups []any
		} `json:"unmanaged"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	var members []string
	for _, m := range report.Unmanaged.Members {
		members = append(members, fmt.Sprintf("%s %s %v", m.Email, m.Status, m.Roles))
	}
	want := "admin@example.com ACTIVE [Admin]; breakglass@example.com PENDING [Developer Marketer]; handmade@example.com PENDING [Developer Marketer]"
	if got := strings.Join(members, "; "); got != want || report.FormatVersion != "1.0" || report.Resources != 3 {
		t.Errorf("members %s (want %s), format_version %q, synerise_resources_in_state %d", got, want, report.FormatVersion, report.Resources)
	}
}

// emptyWorkspace is an API whose workspace holds nothing at all.
func emptyWorkspace(t *testing.T) map[string]string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /uauth/users/listing", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"content": [], "totalElements": 0, "totalPages": 0, "number": 0, "size": 500, "first": true, "last": true}`)
	})
	mux.HandleFunc("GET /uauth/roles/listing", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `[]`) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return map[string]string{envAPIURL: srv.URL, envAPIToken: mockToken}
}

// closedPort is the URL of a port on 127.0.0.1 where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	listener, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + listener.Addr().String()
	if err := listener.Close(); err != nil {
		t.Fatal(err)
	}
	return url
}

// exitCase is one invocation of unmanaged and the exit code and output it should give.
type exitCase struct {
	name       string
	args       []string
	stdin      string
	env        map[string]string
	wantCode   int
	wantStdout string
	wantStderr string
}

func TestUnmanagedExitCodes(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(mockserver.New(mockserver.Options{Token: mockToken, LimitedTokens: map[string][]string{"no-permissions": {}}}))
	t.Cleanup(srv.Close)
	seeded := map[string]string{envAPIURL: srv.URL, envAPIToken: mockToken}
	cases := slices.Concat(inputExitCases(t, seeded), apiExitCases(t, srv.URL), usageExitCases(seeded))
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := invoke(t, tt.stdin, tt.env, append([]string{"unmanaged"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			}
			if !strings.HasPrefix(stdout, tt.wantStdout) {
				t.Errorf("stdout does not start with %q:\n%s", tt.wantStdout, stdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantStderr)
			}
			if tt.wantCode == exitFailed && stdout != "" {
				t.Errorf("a failure wrote a report:\n%s", stdout)
			}
		})
	}
}

// inputExitCases are the states, plans and files unmanaged reads, good and bad.
func inputExitCases(t *testing.T, seeded map[string]string) []exitCase {
	t.Helper()
	goldenState := filepath.Join(testdata, "unmanaged.state.json")
	otherProvider := `{"format_version": "1.0", "values": {"root_module": {"resources": [
		{"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a", "values": {"bucket": "a"}}]}}}`
	return []exitCase{
		{name: "not JSON", stdin: "No changes. Your infrastructure matches the configuration.", env: seeded, wantCode: exitFailed,
			wantStderr: "standard input: the input is not JSON"},
		{name: "a plan where a state is expected", args: []string{filepath.Join(testdata, "workspace.plan.json")}, env: seeded, wantCode: exitFailed,
			wantStderr: "workspace.plan.json: the input is a plan, not a state: terraform show -json PLANFILE is a plan; run terraform show -json without a plan file"},
		{name: "a state of another provider only", stdin: otherProvider, env: seeded, wantCode: exitUnmanaged,
			wantStdout: "## Unmanaged access\n\n> **The state manages no Synerise resource.**"},
		{name: "an empty workspace", args: []string{goldenState}, env: emptyWorkspace(t), wantCode: exitOK,
			wantStdout: "## Unmanaged access\n\nNothing unmanaged: the state manages every member, role and role group of the workspace.\n"},
		{name: "an exceptions file with a misspelt key", args: []string{"-exceptions", writeFile(t, "x.json", `{"members": [{"emial": "a@example.com", "reason": "r"}]}`), goldenState},
			env: seeded, wantCode: exitFailed, wantStderr: `x.json: members[0]: unknown key "emial"; the keys here are email, reason`},
		{name: "a missing exceptions file", args: []string{"-exceptions", "missing.json", goldenState}, env: seeded, wantCode: exitFailed,
			wantStderr: "open missing.json: no such file or directory"},
		{name: "a missing state file", args: []string{"missing.state.json"}, env: seeded, wantCode: exitFailed,
			wantStderr: "open missing.state.json: no such file or directory"},
	}
}

// apiExitCases are the ways the API at url refuses or cannot be reached.
func apiExitCases(t *testing.T, url string) []exitCase {
	t.Helper()
	goldenState := filepath.Join(testdata, "unmanaged.state.json")
	unreachable := closedPort(t)
	return []exitCase{
		{name: "a token the API refuses", args: []string{goldenState}, env: map[string]string{envAPIURL: url, envAPIToken: "expired"},
			wantCode: exitFailed, wantStderr: "the API at " + url + " refused the token (401 Unauthorized): check SYNERISE_API_TOKEN"},
		{name: "a token without the permission", args: []string{goldenState}, env: map[string]string{envAPIURL: url, envAPIToken: "no-permissions"},
			wantCode: exitFailed, wantStderr: "the token may not read the workspace: give its API key the permission settings_users: read"},
		{name: "an unreachable API", args: []string{goldenState}, env: map[string]string{envAPIURL: unreachable, envAPIToken: mockToken},
			wantCode: exitFailed, wantStderr: "cannot reach the API at " + unreachable + ": check SYNERISE_API_URL and the network"},
		{name: "no token", args: []string{goldenState}, wantCode: exitUsage,
			wantStderr: "set SYNERISE_API_TOKEN (and SYNERISE_API_URL, unless it is https://api.synerise.com) to read the workspace"},
		{name: "an API URL that is not one", args: []string{goldenState}, env: map[string]string{envAPIURL: "api.synerise.com", envAPIToken: mockToken},
			wantCode: exitUsage, wantStderr: "api.synerise.com"},
	}
}

// usageExitCases are mistakes of the command line, and asking for help.
func usageExitCases(seeded map[string]string) []exitCase {
	goldenState := filepath.Join(testdata, "unmanaged.state.json")
	return []exitCase{
		{name: "an unknown format", args: []string{"-format", "yaml", goldenState}, env: seeded, wantCode: exitUsage,
			wantStderr: `-format is markdown or json, got "yaml"`},
		{name: "two states", args: []string{goldenState, goldenState}, env: seeded, wantCode: exitUsage, wantStderr: "one state at a time, got 2 arguments"},
		{name: "an unknown flag", args: []string{"-fail-on-attention"}, env: seeded, wantCode: exitUsage,
			wantStderr: "flag provided but not defined: -fail-on-attention"},
		{name: "help", args: []string{"-h"}, wantCode: exitOK, wantStderr: "usage: synerise-access-review unmanaged [-exceptions FILE] [-format markdown|json] [STATE.json | -]"},
	}
}
