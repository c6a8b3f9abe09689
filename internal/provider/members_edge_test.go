package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// acceptedBeforeApply is a pre-apply plan check that does not check: it has the invitees accept their
// invitations once the plan (and the refresh that found them PENDING) is made, before the apply
// starts, which applies that saved plan.
type acceptedBeforeApply struct {
	w      *testWorkspace
	emails []string
}

func (a acceptedBeforeApply) CheckPlan(ctx context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, email := range a.emails {
		users, err := a.w.client.ListUsers(ctx, iam.UserFilter{Search: email})
		if err != nil {
			resp.Error = fmt.Errorf("looking up %s: %w", email, err)
			return
		}
		if len(users) != 1 {
			resp.Error = fmt.Errorf("looking up %s: %d users, want 1", email, len(users))
			return
		}
		if err := a.w.mock.AcceptInvitation(users[0].ID); err != nil {
			resp.Error = err
			return
		}
	}
}

// The invitee accepts between the plan and the apply that updates them: the invitation's update
// answers 404, so the member is read again and updated as the user they are now. The plan promised
// no status, since the apply reads them back.
func TestAccInvitationResource_acceptedBetweenPlanAndApply(t *testing.T) {
	w := newTestWorkspace(t)
	updated := w.config(memberRoles + `
resource "synerise_invitation" "ada" {
  email      = "ada@example.com"
  first_name = "Augusta Ada"
  role_ids   = [synerise_role.auditor.id, synerise_role.developer.id]
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id", ""))},
			{
				PreConfig: w.mock.ResetCounts,
				Config:    updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("synerise_invitation.ada", tfjsonpath.New("status")),
						acceptedBeforeApply{w, []string{"ada@example.com"}},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("first_name"), knownvalue.StringExact("Augusta Ada")),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusActive, 2),
					func(*terraform.State) error {
						return w.expectRequests(map[string]int{
							"POST /uauth/users/invitations/{invitationId}": 1,
							"POST /uauth/users/{userId}":                   1,
						})
					},
				),
			},
		},
	})
}

// The same in bulk: of two pending members whose roles change, one accepts before the apply and is
// updated as a user, the other through the invitation.
func TestAccInvitationsResource_acceptedBetweenPlanAndApply(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(membersConfig(map[string]string{
					"ada":   `email = "ada@example.com", role_ids = [synerise_role.auditor.id]`,
					"grace": `email = "grace@example.com", role_ids = [synerise_role.auditor.id]`,
				})),
			},
			{
				Config: w.config(membersConfig(map[string]string{
					"ada":   `email = "ada@example.com", role_ids = [synerise_role.developer.id]`,
					"grace": `email = "grace@example.com", role_ids = [synerise_role.developer.id]`,
				})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue("synerise_invitations.team", labelPath("ada").AtMapKey("status")),
						acceptedBeforeApply{w, []string{"ada@example.com"}},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("ada").AtMapKey("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("grace").AtMapKey("status"), knownvalue.StringExact("PENDING")),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusActive, 1),
					w.expectUser(t, "grace@example.com", iam.UserStatusPending, 1),
				),
			},
		},
	})
}
