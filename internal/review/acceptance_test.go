package review

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
	"github.com/synerise-oss/terraform-provider-synerise/internal/provider"
)

const acceptanceToken = "review-acceptance-token"

// goldenPlan is a plan check that reviews the plan Terraform made and compares the summary with
// testdata/<name>.md; with -update it writes the plan to testdata/<name>.plan.json too, so that
// TestGoldenSummaries keeps reviewing it without Terraform.
type goldenPlan string

func (name goldenPlan) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	summary, err := Summarize(ctx, req.Plan, Options{})
	if err != nil {
		resp.Error = err
		return
	}
	golden := filepath.Join("testdata", string(name)+".md")
	if *update {
		planJSON, err := json.MarshalIndent(req.Plan, "", "  ")
		if err == nil {
			err = os.WriteFile(filepath.Join("testdata", string(name)+".plan.json"), append(planJSON, '\n'), 0o644)
		}
		if err == nil {
			err = os.WriteFile(golden, []byte(summary.Markdown()), 0o644)
		}
		resp.Error = err
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		resp.Error = fmt.Errorf("%w (run the test with -update to write it)", err)
		return
	}
	if got := summary.Markdown(); got != string(want) {
		resp.Error = fmt.Errorf("the review of the plan differs from %s (rewrite it with -update after checking the change):\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

// The access changes scripts/review-plans.sh does not make, in real plans of the real CLI against
// the mock: a member deactivated and one removed, a role deleted, personal data withdrawn, a new
// admin-like role given through synerise_invitations, sign-in switched on, the IP allowlist switched
// off, and settings destroyed with each on_destroy.
func TestAccReviewOfRealPlans(t *testing.T) {
	mock := mockserver.New(mockserver.Options{Token: acceptanceToken})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	client, err := iam.New(iam.Config{BaseURL: srv.URL, Token: acceptanceToken})
	if err != nil {
		t.Fatal(err)
	}
	config := func(body string) string {
		return fmt.Sprintf("provider \"synerise\" {\n  api_url   = %q\n  api_token = %q\n}\n%s", srv.URL, acceptanceToken, body)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"synerise": providerserver.NewProtocol6WithError(provider.New("test")()),
		},
		Steps: []resource.TestStep{
			// The workspace the later plans change.
			{Config: config(reviewedRoles + reviewedOperator + reviewedSettings(true, false) + carol(true) + viewerPII(true) + reviewedTeam)},
			// Carol accepts; then she is deactivated, the viewers stop seeing personal data, Dave joins as
			// an owner, Sign in with Google is switched on and the IP allowlist off.
			{
				PreConfig: func() { accept(t, client, mock, "carol@example.com") },
				Config:    config(reviewedRoles + reviewedOperator + reviewedSettings(false, true) + carol(false) + viewerPII(false) + teamWithOwner),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{goldenPlan("switches")},
				},
			},
			// Bob leaves, the operator role is deleted, the personal-data setting and every settings
			// resource leave the configuration, each destroyed as its on_destroy says.
			{
				Config: config(reviewedRoles + carol(false) + teamWithoutBob),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{goldenPlan("removals")},
				},
			},
		},
	})
}

// reviewedRoles are a role group and its viewer role, in every configuration of the test.
const reviewedRoles = `
resource "synerise_role_group" "ops" {
  name = "Operations"
}

resource "synerise_role" "viewer" {
  group_id = synerise_role_group.ops.id
  name     = "Viewer"
}
`

// reviewedOperator is the role the removals delete.
const reviewedOperator = `
resource "synerise_role" "operator" {
  group_id = synerise_role_group.ops.id
  name     = "Operator"
}
`

// reviewedSettings are settings resources, with the IP allowlist and Google sign-in on or off, and
// several on_destroy values.
func reviewedSettings(ipEnabled, googleEnabled bool) string {
	return fmt.Sprintf(`
resource "synerise_ip_policy" "this" {
  enabled    = %t
  ip_policy  = ["203.0.113.7"]
  on_destroy = "reset"
}

resource "synerise_google_sign_in" "this" {
  enabled    = %t
  on_destroy = "retain"
}

resource "synerise_password_policy" "this" {
  min_length = 12
}

resource "synerise_ban_settings" "this" {
  first_ban_threshold = 5
  on_destroy          = "reset"
}

resource "synerise_mfa_requirement" "this" {
  enabled = true
}

resource "synerise_general_settings" "this" {
  token_lifetime_in_seconds = 3600
  on_destroy                = "retain"
}
`, ipEnabled, googleEnabled)
}

// carol is an invitation, active or not.
func carol(active bool) string {
	return fmt.Sprintf(`
resource "synerise_invitation" "carol" {
  email    = "carol@example.com"
  role_ids = [synerise_role.viewer.id]
  active   = %t
}
`, active)
}

// viewerPII is the viewers' personal-data access, on or off.
func viewerPII(on bool) string {
	return fmt.Sprintf(`
resource "synerise_role_pii" "viewer" {
  role_id    = synerise_role.viewer.id
  pii_access = %t
}
`, on)
}

// reviewedTeam invites Ana as an operator and Bob as a viewer.
const reviewedTeam = `
resource "synerise_invitations" "team" {
  members = {
    ana = { email = "ana@example.com", role_ids = [synerise_role.operator.id] }
    bob = { email = "bob@example.com", role_ids = [synerise_role.viewer.id] }
  }
}
`

// teamWithOwner adds Dave with an admin-like role.
const teamWithOwner = `
resource "synerise_role" "owner" {
  group_id = synerise_role_group.ops.id
  name     = "Workspace owner"
}

resource "synerise_invitations" "team" {
  members = {
    ana  = { email = "ana@example.com", role_ids = [synerise_role.operator.id] }
    bob  = { email = "bob@example.com", role_ids = [synerise_role.viewer.id] }
    dave = { email = "dave@example.com", role_ids = [synerise_role.owner.id] }
  }
}
`

// teamWithoutBob removes Bob and moves Ana to the viewers.
const teamWithoutBob = `
resource "synerise_role" "owner" {
  group_id = synerise_role_group.ops.id
  name     = "Workspace owner"
}

resource "synerise_invitations" "team" {
  members = {
    ana  = { email = "ana@example.com", role_ids = [synerise_role.viewer.id] }
    dave = { email = "dave@example.com", role_ids = [synerise_role.owner.id] }
  }
}
`

// accept accepts the pending invitation of email, as its recipient would.
func accept(t *testing.T, client *iam.Client, mock *mockserver.Server, email string) {
	t.Helper()
	users, err := client.ListUsers(context.Background(), iam.UserFilter{Search: email})
	if err != nil || len(users) != 1 {
		t.Fatalf("finding %s: %d users, %v", email, len(users), err)
	}
	if err := mock.AcceptInvitation(users[0].ID); err != nil {
		t.Fatal(err)
	}
}
