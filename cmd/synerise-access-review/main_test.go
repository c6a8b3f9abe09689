package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

var testdata = filepath.Join("..", "..", "internal", "review", "testdata")

// invoke runs the command as a shell would, with env as its environment.
func invoke(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, func(name string) string { return env[name] })
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name string) string {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(want)
}

func TestReviewsAPlanFromAFileOrStandardInput(t *testing.T) {
	t.Parallel()
	path := filepath.Join(testdata, "workspace.plan.json")
	code, stdout, stderr := invoke(t, "", nil, path)
	if code != exitOK || stdout != golden(t, "workspace.md") {
		t.Errorf("from a file: exit %d, stderr %q, stdout differs from workspace.md: %v", code, stderr, stdout != golden(t, "workspace.md"))
	}
	plan, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{nil, {"-"}} {
		code, stdout, stderr := invoke(t, string(plan), nil, args...)
		if code != exitOK || stdout != golden(t, "workspace.md") {
			t.Errorf("from standard input with args %q: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	weakened := filepath.Join(testdata, "weakened.plan.json")
	refreshOnly := filepath.Join(testdata, "drift-refresh-only.plan.json")
	noFindings := `{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": []}`
	for _, tt := range []struct {
		name       string
		args       []string
		stdin      string
		env        map[string]string
		wantCode   int
		wantStderr string
	}{
		{name: "findings without -fail-on-attention", args: []string{weakened}, wantCode: exitOK},
		{name: "findings with -fail-on-attention", args: []string{"-fail-on-attention", weakened}, wantCode: exitAttention,
			wantStderr: "6 findings need attention (-fail-on-attention)"},
		{name: "no findings with -fail-on-attention", args: []string{"-fail-on-attention"}, stdin: noFindings, wantCode: exitOK},
		{name: "drift without -fail-on-drift", args: []string{refreshOnly}, wantCode: exitOK},
		{name: "drift with -fail-on-drift", args: []string{"-fail-on-drift", refreshOnly}, wantCode: exitDrift,
			wantStderr: "the workspace changed outside Terraform (-fail-on-drift)"},
		{name: "drift and findings with both flags", args: []string{"-fail-on-drift", "-fail-on-attention", refreshOnly},
			wantCode: exitAttention, wantStderr: "2 findings need attention"},
		{name: "no drift with -fail-on-drift", args: []string{"-fail-on-drift", weakened}, wantCode: exitOK},
		{name: "garbage", stdin: "not a plan", wantCode: exitFailed,
			wantStderr: "standard input: the input is not JSON (invalid character 'o' in literal null (expecting 'u')); want the output of terraform show -json PLANFILE"},
		{name: "a missing file", args: []string{"missing.plan.json"}, wantCode: exitFailed, wantStderr: "open missing.plan.json: no such file or directory"},
		{name: "an unknown flag", args: []string{"-fail"}, wantCode: exitUsage, wantStderr: "flag provided but not defined: -fail"},
		{name: "two plans", args: []string{weakened, weakened}, wantCode: exitUsage, wantStderr: "one plan at a time, got 2 arguments"},
		{name: "-api without a token", args: []string{"-api", weakened}, wantCode: exitUsage,
			wantStderr: "-api: set SYNERISE_API_TOKEN (and SYNERISE_API_URL, unless it is https://api.synerise.com) to name roles through the API"},
		{name: "-api with an unreachable API", args: []string{"-api"}, wantCode: exitFailed,
			stdin: `{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": [
				{"address": "synerise_invitation.x", "mode": "managed", "type": "synerise_invitation", "name": "x",
				 "change": {"actions": ["create"], "before": null, "after": {"email": "x@example.com", "role_ids": [42]}, "after_unknown": {"id": true}}}]}`,
			env:        map[string]string{envAPIURL: "http://127.0.0.1:1", envAPIToken: "token"},
			wantStderr: "cannot look up the names of roles [42] through the API"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := invoke(t, tt.stdin, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantStderr)
			}
		})
	}
}

// -api names, through the API, a role the plan knows only by id, and an admin-like name so found
// counts for the rule.
func TestNamesRolesThroughTheAPI(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(mockserver.New(mockserver.Options{Token: "review-token"}))
	t.Cleanup(srv.Close)
	client, err := iam.New(iam.Config{BaseURL: srv.URL, Token: "review-token"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	group, err := client.CreateRoleGroup(ctx, iam.RoleGroupInput{Name: "Managed elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	role, err := client.CreateRole(ctx, iam.RoleInput{Group: group.ID, Name: "Billing admin"})
	if err != nil {
		t.Fatal(err)
	}
	plan := fmt.Sprintf(`{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": [
		{"address": "synerise_invitation.x", "mode": "managed", "type": "synerise_invitation", "name": "x",
		 "change": {"actions": ["create"], "before": null, "after": {"email": "x@example.com", "role_ids": [%d]}, "after_unknown": {"id": true}}}]}`, role.ID)

	code, stdout, stderr := invoke(t, plan, nil, "-fail-on-attention")
	if code != exitOK || !strings.Contains(stdout, fmt.Sprintf("| role %d |", role.ID)) {
		t.Errorf("without -api: exit %d (stderr %q), want 0 and the role by id in:\n%s", code, stderr, stdout)
	}
	env := map[string]string{envAPIURL: srv.URL, envAPIToken: "review-token"}
	code, stdout, stderr = invoke(t, plan, env, "-api", "-fail-on-attention")
	if code != exitAttention || !strings.Contains(stdout, "| invited | Billing admin |") || !strings.Contains(stdout, "`admin-role-granted`") {
		t.Errorf("with -api: exit %d (stderr %q), want 3 and the role named in:\n%s", code, stderr, stdout)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, stdout, _ := invoke(t, "", nil, "-version")
	if code != exitOK || stdout != "synerise-access-review dev\n" {
		t.Errorf("-version: exit %d, %q", code, stdout)
	}
}

// The organisation's domains from -org-domains or -org-domains-file replace those of the plan: the
// weakened plan invites contractor@partner.example into a workspace that manages example.com.
func TestOrganisationDomainsFromFlags(t *testing.T) {
	t.Parallel()
	weakened := filepath.Join(testdata, "weakened.plan.json")
	file := filepath.Join(t.TempDir(), "domains.txt")
	if err := os.WriteFile(file, []byte("# Our domains\n\nexample.com\r\nPartner.Example  # the contractor's firm\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const finding = "| `invitation-outside-organisation` | `synerise_invitation.contractor` |"
	for _, tt := range []struct {
		args        []string
		wantFinding bool
	}{
		{args: nil, wantFinding: true},
		{args: []string{"-org-domains", "example.com, partner.example"}},
		{args: []string{"-org-domains", "example.com", "-org-domains", "partner.example"}},
		{args: []string{"-org-domains-file", file}},
		{args: []string{"-org-domains", "example.org"}, wantFinding: true},
	} {
		code, stdout, stderr := invoke(t, "", nil, append(tt.args, weakened)...)
		if code != exitOK || strings.Contains(stdout, finding) != tt.wantFinding {
			t.Errorf("args %q: exit %d (stderr %q), want 0 and the finding %v in:\n%s", tt.args, code, stderr, tt.wantFinding, stdout)
		}
	}

	// A plan that manages no domain: the review says invitations were not checked, unless they are given.
	switches := filepath.Join(testdata, "switches.plan.json")
	const note = "Invitations were not checked for addresses outside the organisation"
	if _, stdout, _ := invoke(t, "", nil, switches); !strings.Contains(stdout, note) {
		t.Errorf("without domains, the review does not say invitations were not checked:\n%s", stdout)
	}
	if _, stdout, _ := invoke(t, "", nil, "-org-domains", "example.com", switches); strings.Contains(stdout, note) || strings.Contains(stdout, "`invitation-outside-organisation`") {
		t.Errorf("with -org-domains example.com, the review still notes or finds something of dave@example.com:\n%s", stdout)
	}
}

func TestOrganisationDomainsBadUsage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	withAddress := filepath.Join(dir, "addresses.txt")
	empty := filepath.Join(dir, "empty.txt")
	for path, content := range map[string]string{withAddress: "example.com\nann@example.org\n", empty: "# nothing yet\n\n"} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		args       []string
		wantStderr string
	}{
		{[]string{"-org-domains", "example.com", "-org-domains-file", empty}, "give the domains with -org-domains or with -org-domains-file, not both"},
		{[]string{"-org-domains", "example.com,ann@partner.example"}, `"ann@partner.example" is an email address: give its domain alone, such as partner.example`},
		{[]string{"-org-domains", "https://example.com"}, `"https://example.com" is a URL: give the domain alone, such as example.com`},
		{[]string{"-org-domains", "example.com example.org"}, `"example.com example.org" is not one domain: it has a space`},
		{[]string{"-org-domains", "com"}, `"com" is not a domain name such as example.com`},
		{[]string{"-org-domains", "*.example.com"}, `"*.example.com" is not a domain name such as example.com`},
		{[]string{"-org-domains", " , "}, "no domain in it; give one or more, such as example.com"},
		{[]string{"-org-domains-file", withAddress}, `line 2: "ann@example.org" is an email address`},
		{[]string{"-org-domains-file", empty}, "no domain in it"},
		{[]string{"-org-domains-file", filepath.Join(dir, "missing.txt")}, "missing.txt: no such file or directory"},
	} {
		code, stdout, stderr := invoke(t, "", nil, append(tt.args, filepath.Join(testdata, "weakened.plan.json"))...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tt.wantStderr) || !strings.Contains(stderr, "usage: synerise-access-review") {
			t.Errorf("args %q: exit %d, stdout %q, stderr %q; want %d, no review, the usage and %q", tt.args, code, stdout, stderr, exitUsage, tt.wantStderr)
		}
	}
}
