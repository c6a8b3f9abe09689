package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// sparseWorkspace configures every resource whose writes go to endpoints that the API reference gives
// no JSON answer: pending invitations, one and in bulk, their access time, the Google and Facebook
// switches, the MFA requirement and a managed domain.
func sparseWorkspace(name, roles, expires string, enabled bool) string {
	return memberRoles + fmt.Sprintf(`
resource "synerise_invitation" "ada" {
  email             = "ada@example.com"
  first_name        = %[1]q
  role_ids          = [%[2]s]
  access_expires_at = %[3]q
}

resource "synerise_invitations" "team" {
  members = {
    "grace@example.com" = { email = "grace@example.com", first_name = %[1]q, role_ids = [%[2]s] }
  }
}

resource "synerise_google_sign_in" "this" {
  enabled = %[4]t
}

resource "synerise_facebook_sign_in" "this" {
  enabled = %[4]t
}

resource "synerise_mfa_requirement" "this" {
  enabled = %[4]t
}

resource "synerise_managed_domain" "this" {
  domain = "example.com"
}`, name, roles, expires, enabled)
}

// Against answers as sparse as the reference allows, every write is read back: the provider never
// needs a body the reference does not promise, in make test as in make test-sparse.
func TestAccSparseAnswers_writesAreReadBack(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{SparseAnswers: true})
	w.mock.PublishDomainProof("example.com", "TXT_RECORD")
	grace := func(attr string) tfjsonpath.Path {
		return tfjsonpath.New("members").AtMapKey("grace@example.com").AtMapKey(attr)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			w.expectNoUser("ada@example.com"), w.expectNoUser("grace@example.com"),
			w.expectManagedDomains(), w.expectMFARequired(false),
		),
		Steps: []resource.TestStep{
			{
				Config: w.config(sparseWorkspace("Ada", "synerise_role.auditor.id", "2030-01-31T00:00:00Z", true)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("access_expires_at"), knownvalue.StringExact("2030-01-31T00:00:00Z")),
					statecheck.ExpectKnownValue("synerise_google_sign_in.this", tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("synerise_facebook_sign_in.this", tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(w.expectMFARequired(true), w.expectManagedDomains("example.com")),
			},
			{
				// Both invitations are still pending: their names and roles change through the invitation.
				PreConfig: w.mock.ResetCounts,
				Config:    w.config(sparseWorkspace("Augusta", "synerise_role.auditor.id, synerise_role.developer.id", "2031-06-30T12:00:00Z", false)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("first_name"), knownvalue.StringExact("Augusta")),
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("role_ids"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("access_expires_at"), knownvalue.StringExact("2031-06-30T12:00:00Z")),
					statecheck.ExpectKnownValue("synerise_invitations.team", grace("first_name"), knownvalue.StringExact("Augusta")),
					statecheck.ExpectKnownValue("synerise_invitations.team", grace("role_ids"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("synerise_google_sign_in.this", tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("synerise_facebook_sign_in.this", tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusPending, 2),
					w.expectUser(t, "grace@example.com", iam.UserStatusPending, 2),
					w.expectMFARequired(false),
					func(*terraform.State) error {
						// The writes went to the endpoints that answered with no body.
						counts := w.mock.RequestCounts()
						for _, route := range []string{
							"POST /uauth/users/invitations/{invitationId}", "PUT /uauth/users/{userId}/access-time",
							"POST /sauth/settings/oauth/google", "POST /sauth/settings/oauth/facebook",
							"DELETE /uauth/business-profile/mfa/requirements",
						} {
							if counts[route] == 0 {
								return fmt.Errorf("%s was not called", route)
							}
						}
						return nil
					},
				),
			},
		},
	})
}
