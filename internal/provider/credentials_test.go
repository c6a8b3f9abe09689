package provider

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

const myAccountRoute = "GET /uauth/users/my-account"

// createOnly is a configuration that only creates objects: planning it reads nothing from the API, so
// without the credentials check it would plan green with any token, and fail once per resource at apply.
const createOnly = `
resource "synerise_role_group" "ops" {
  name = "Operations"
}

resource "synerise_role" "auditor" {
  group_id = synerise_role_group.ops.id
  name     = "Auditor"
}

resource "synerise_invitation" "ada" {
  email = "ada@example.com"
}
`

// credentialsConfig is createOnly under a provider block with the given URL, token and further arguments.
func credentialsConfig(url, token, arguments string) string {
	return fmt.Sprintf(`
provider "synerise" {
  api_url        = %q
  api_token      = %q
  max_retry_wait = "10ms"
  %s
}
%s`, url, token, arguments, createOnly)
}

// onlyError matches output in which Terraform reports exactly one error: summary, with a detail that
// matches detail (a pattern whose spaces match any white space, as the CLI wraps lines). No other
// "Error:" comes before or after it.
func onlyError(summary, detail string) *regexp.Regexp {
	const noError = `(?:[^E]|E[^r]|Er[^r]|Err[^o]|Erro[^r]|Error[^:])*`
	return regexp.MustCompile(`(?s)\A` + noError + `Error: ` + regexp.QuoteMeta(summary) + noError +
		strings.ReplaceAll(detail, " ", `\s+`) + noError + `\z`)
}

// A bad token fails the plan of a configuration that only creates, with one error that names the token
// and says what to do, and not one per resource.
func TestAccCredentials_badTokenFailsThePlanOnce(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:   credentialsConfig(w.url, "expired-token", ""),
				PlanOnly: true,
				ExpectError: onlyError("The Synerise API refused the token", `401 Unauthorized.*The token has expired or was revoked, `+
					`or it belongs to another workspace or another API. Create a new workspace token and provide it through `+
					`api_token or the SYNERISE_API_TOKEN environment variable.`),
			},
		},
	})
	if err := w.expectRequests(map[string]int{"POST /uauth/roles/role-group": 0, "GET /uauth/users/listing": 0}); err != nil {
		t.Error(err)
	}
}

// closedPort is the URL of a loopback port that nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	listener, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + listener.Addr().String()
	if err := listener.Close(); err != nil {
		t.Fatal(err)
	}
	return url
}

// An unreachable URL is named, with what to check; a token of another scope is told apart from an
// expired one. Both stop the plan before any resource is planned.
func TestAccCredentials_unreachableURLAndWrongScope(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{WrongScopeTokens: []string{"profile-token"}})
	unreachable := closedPort(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:   credentialsConfig(unreachable, testToken, "max_retries = 1"),
				PlanOnly: true,
				ExpectError: onlyError("Cannot reach the Synerise API", `could not reach the API at `+regexp.QuoteMeta(unreachable)+
					` to check its credentials:.*connection refused.*Check api_url \(or the SYNERISE_API_URL environment variable\)`),
			},
			{
				Config:   credentialsConfig(w.url, "profile-token", ""),
				PlanOnly: true,
				ExpectError: onlyError("The Synerise API token has the wrong scope", `403 Forbidden.*it has the wrong scope \(for `+
					`example a profile token where a workspace token is required\)`),
			},
		},
	})
}

// skip_credentials_validation and SYNERISE_SKIP_CREDENTIALS_VALIDATION each let the plan of a
// configuration that only creates go without the request, even with a bad token, as before the check.
func TestAccCredentials_checkCanBeSkipped(t *testing.T) {
	w := newTestWorkspace(t)
	noCheck := func(*terraform.State) error {
		if n := w.mock.RequestCounts()[myAccountRoute]; n != 0 {
			return fmt.Errorf("%s was called %d times with the check skipped", myAccountRoute, n)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:             credentialsConfig(w.url, "expired-token", "skip_credentials_validation = true"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig:          func() { t.Setenv(envSkipCredentialsValidation, "true") },
				Config:             credentialsConfig(w.url, "expired-token", ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// The argument wins over the variable.
				PreConfig: func() {
					if err := noCheck(nil); err != nil {
						t.Error(err)
					}
					t.Setenv(envSkipCredentialsValidation, "true")
				},
				Config:      credentialsConfig(w.url, "expired-token", "skip_credentials_validation = false"),
				PlanOnly:    true,
				ExpectError: onlyError("The Synerise API refused the token", ""),
			},
			{
				PreConfig: func() { t.Setenv(envSkipCredentialsValidation, "maybe") },
				Config:    credentialsConfig(w.url, testToken, ""),
				PlanOnly:  true,
				ExpectError: wrappedError(`The SYNERISE_SKIP_CREDENTIALS_VALIDATION environment variable must be true or false, ` +
					`got "maybe"`),
			},
		},
	})
	if w.mock.RequestCounts()[myAccountRoute] == 0 {
		t.Error("the step with skip_credentials_validation = false sent no credentials check")
	}
}

func TestOnlyError(t *testing.T) {
	pattern := onlyError("Bad token", "expired")
	for output, want := range map[string]bool{
		"Error running plan\n\nError: Bad token\n\nThe token expired.":                     true,
		"Error: Bad token\n\nThe token expired.\n\nError: Bad token\n\nThe token expired.": false,
		"Error: Cannot create role\n\nError: Bad token\n\nThe token expired.":              false,
		"Error: Bad token\n\nThe token was revoked.":                                       false,
	} {
		if got := pattern.MatchString(output); got != want {
			t.Errorf("onlyError matched %q: %v, want %v", output, got, want)
		}
	}
}
