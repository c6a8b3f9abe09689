package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// Actions need Terraform 1.14; plugin-testing has no step that invokes one, so the tests trigger them
// from the creation of a terraform_data, as lifecycle.action_trigger does.
var actionsNeedTerraform1_14 = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

const passwordResetRoute = "POST /uauth/users/{userId}/password-reset"

// newPasswordResetWorkspace is a test workspace whose password resets meet no injected fault, even in
// a fault run: a reset that may have reached the API is deliberately not sent again, so the run would
// fail. TestAccUserPasswordResetAction_lostAnswerIsNotRepeated covers that case on purpose.
func newPasswordResetWorkspace(t *testing.T) *testWorkspace {
	t.Helper()
	return newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{
		Rate: faultRun.rate, Seed: faultRun.seedFor(t.Name()),
		Script: map[string][]string{passwordResetRoute: nil},
	}})
}

// resetOnCreate is an action of type kind resetting userID (an HCL expression), triggered by the
// creation of terraform_data.incident.
func resetOnCreate(kind, userID string) string {
	return fmt.Sprintf(`
action %[1]q "incident" {
  config {
    user_id = %[2]s
  }
}

resource "terraform_data" "incident" {
  input = "INC-1"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.%[1]s.incident]
    }
  }
}
`, kind, userID)
}

// expectPasswordResetMails checks how many password reset links the workspace mailed to an address.
func (w *testWorkspace) expectPasswordResetMails(to string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := 0
		for _, m := range w.mock.Mails(to) {
			if m.Kind == mockserver.MailPasswordReset {
				got++
			}
		}
		if got != want {
			return fmt.Errorf("%d password reset links were mailed to %s, want %d", got, to, want)
		}
		return nil
	}
}

func TestAccUserPasswordResetAction_triggeredOnCreate(t *testing.T) {
	w := newPasswordResetWorkspace(t)
	id := w.mock.AddMember("ada@example.com")
	config := w.config(resetOnCreate("synerise_user_password_reset", fmt.Sprint(id)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  w.expectPasswordResetMails("ada@example.com", 1),
			},
			{
				// Nothing is created, so nothing triggers the action again.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: w.expectPasswordResetMails("ada@example.com", 1),
			},
		},
	})
}

// The id of an invitation made in the same apply is unknown when the action is planned; when it runs,
// the invitee turns out never to have accepted, and is not reset: they may hold an account of another
// workspace, which a reset would lock.
func TestAccUserPasswordResetAction_pendingInvitationKnownOnlyAtApply(t *testing.T) {
	w := newPasswordResetWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config: w.config(`
data "synerise_available_roles" "all" {}

resource "synerise_invitation" "newcomer" {
  email    = "newcomer@example.com"
  role_ids = [data.synerise_available_roles.all.ids_by_name["Analyst"]]
}
` + resetOnCreate("synerise_user_password_reset", "synerise_invitation.newcomer.id")),
				ExpectError: wrappedError(`Cannot reset the password of user \d+(?s).*\(newcomer@example.com\) is PENDING: their invitation was not accepted`),
			},
		},
		CheckDestroy: w.expectPasswordResetMails("newcomer@example.com", 0),
	})
}

func TestAccUserPasswordResetAction_invalidInput(t *testing.T) {
	w := newPasswordResetWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config:      w.config(resetOnCreate("synerise_user_password_reset", "0")),
				ExpectError: wrappedError(`Attribute user_id value must be at least 1, got: 0`),
			},
			{
				// Refused when planned: the terraform_data whose creation would trigger it is not created either.
				Config:      w.config(resetOnCreate("synerise_user_password_reset", "4242")),
				ExpectError: wrappedError(`Cannot reset the password of user 4242(?s).*The workspace has no user 4242`),
			},
		},
	})
}

func TestAccUserPasswordResetAction_missingPermission(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{LimitedTokens: map[string][]string{"reader": {"settings_users: read"}}})
	id := w.mock.AddMember("ada@example.com")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "synerise" {
  api_url   = %q
  api_token = "reader"
}
`, w.url) + resetOnCreate("synerise_user_password_reset", fmt.Sprint(id)),
				ExpectError: wrappedError(`403 Forbidden(?s).*lacks the permission "settings_users: update"`),
			},
		},
		CheckDestroy: w.expectPasswordResetMails("ada@example.com", 0),
	})
}

// The API processes the reset and mails the link, but its answer is lost: the provider does not send
// the reset again (that would mail a second link and void the first), and says what to check.
func TestAccUserPasswordResetAction_lostAnswerIsNotRepeated(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		passwordResetRoute: {mockserver.FaultDropAfterCommit},
	}}})
	id := w.mock.AddMember("ada@example.com")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config: w.config(resetOnCreate("synerise_user_password_reset", fmt.Sprint(id))),
				ExpectError: wrappedError(fmt.Sprintf(`a link may have been mailed to user %d all the same(?s).*`+
					`Ask them whether a link arrived before invoking the action again`, id)),
			},
		},
		CheckDestroy: w.expectPasswordResetMails("ada@example.com", 1),
	})
}

// A reset that gets no answer in time is not sent again either, whatever max_retries says: the error
// says a link may have been mailed and suggests a longer request_timeout, and no more retries
// (TestAddAPIErrorOfAnUnconfirmedPasswordReset holds the wording).
func TestAccUserPasswordResetAction_timeoutIsNotRepeated(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		passwordResetRoute: {mockserver.FaultHang},
	}}})
	id := w.mock.AddMember("ada@example.com")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config: hostileProvider(w, "request_timeout = \"1s\"\n  max_retries     = 3") +
					resetOnCreate("synerise_user_password_reset", fmt.Sprint(id)),
				ExpectError: wrappedError(fmt.Sprintf(`timed out after 1s per attempt; 1 attempt was made(?s).*`+
					`a link may have been mailed to user %d all the same(?s).*raise request_timeout in the provider block \(or SYNERISE_REQUEST_TIMEOUT\)\.`, id)),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := w.mock.RequestCounts()[passwordResetRoute]; n != 1 {
				return fmt.Errorf("the reset was sent %d times, want once", n)
			}
			return nil
		},
	})
}
