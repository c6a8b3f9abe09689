package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
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

// newAccessEndsAsExpiredWorkspace is a workspace that answers EXPIRED for a member whose access time
// has passed, as well as for an invitation that was not accepted in time.
func newAccessEndsAsExpiredWorkspace(t *testing.T) *testWorkspace {
	t.Helper()
	return newTestWorkspaceWith(t, mockserver.Options{Without: []mockserver.Assumption{mockserver.ExpiredIsAnUnacceptedInvitation}})
}

// The second reading of EXPIRED: a member whose access time has passed is a member still, never invited
// again (which would take them out of the workspace and invite them as a stranger). The plan that ends
// their access leaves status to the apply; later plans are empty; a later access time gives them back
// their status, in place.
func TestAccInvitationResource_accessRanOutIsNotReinvited(t *testing.T) {
	w := newAccessEndsAsExpiredWorkspace(t)
	status := tfjsonpath.New("status")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "")),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue("synerise_invitation.ada", tfjsonpath.New("id"))},
			},
			{
				PreConfig: func() { w.accept(t, "ada@example.com") },
				Config:    w.config(memberRoles + adaInvitation("synerise_role.auditor.id", `access_expires_at = "2001-01-01T00:00:00Z"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("synerise_invitation.ada", status),
					},
					// EXPIRED, and no replacement.
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", status, knownvalue.StringExact("EXPIRED")),
					sameID.AddStateValue("synerise_invitation.ada", tfjsonpath.New("id")),
				},
				Check: w.expectUser(t, "ada@example.com", iam.UserStatusExpired, 1),
			},
			{
				Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id", `access_expires_at = "2030-01-31T00:00:00Z"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("synerise_invitation.ada", status),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", status, knownvalue.StringExact("ACTIVE")),
					sameID.AddStateValue("synerise_invitation.ada", tfjsonpath.New("id")),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusActive, 1),
					w.expectInvitationMails("ada@example.com", 1),
				),
			},
		},
	})
}

// Both readings of EXPIRED in one workspace: grace's invitation expired before she accepted it, and a
// new one is sent; ada accepted, and her access time ran out, so she stays the member she is, and the
// invitation she accepted is not sent again.
func TestAccInvitationsResource_bothReadingsOfExpired(t *testing.T) {
	w := newAccessEndsAsExpiredWorkspace(t)
	adaID := statecheck.CompareValue(compare.ValuesSame())
	graceID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: adaAndGrace(w, "2030-01-31T00:00:00Z"),
				ConfigStateChecks: []statecheck.StateCheck{
					adaID.AddStateValue("synerise_invitations.team", labelPath("ada").AtMapKey("id")),
					graceID.AddStateValue("synerise_invitations.team", labelPath("grace").AtMapKey("id")),
				},
			},
			bothExpiredStep(t, w, adaID.AddStateValue, graceID.AddStateValue),
			{
				// A later access time gives ada her access back, in place.
				Config: adaAndGrace(w, "2030-01-31T00:00:00Z"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					adaID.AddStateValue("synerise_invitations.team", labelPath("ada").AtMapKey("id")),
					statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("ada").AtMapKey("status"), knownvalue.StringExact("ACTIVE")),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusActive, 1),
					w.expectInvitationMails("ada@example.com", 1),
					w.expectInvitationMails("grace@example.com", 2),
				),
			},
		},
	})
}

// adaAndGrace is a synerise_invitations of two auditors, ada's access ending at adaExpires.
func adaAndGrace(w *testWorkspace, adaExpires string) string {
	return w.config(membersConfig(map[string]string{
		"ada":   fmt.Sprintf(`email = "ada@example.com", role_ids = [synerise_role.auditor.id], access_expires_at = %q`, adaExpires),
		"grace": `email = "grace@example.com", role_ids = [synerise_role.auditor.id]`,
	}))
}

// bothExpiredStep has ada accept and grace's invitation expire, then moves ada's access time into the past.
func bothExpiredStep(t *testing.T, w *testWorkspace, adaID, graceID sameValue) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			w.accept(t, "ada@example.com")
			w.expire(t, "grace@example.com")
		},
		Config: adaAndGrace(w, "2001-01-01T00:00:00Z"),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("synerise_invitations.team", labelPath("grace").AtMapKey("id")),
				plancheck.ExpectKnownValue("synerise_invitations.team", labelPath("ada").AtMapKey("id"), knownvalue.NotNull()),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: []statecheck.StateCheck{
			adaID("synerise_invitations.team", labelPath("ada").AtMapKey("id")),
			graceID("synerise_invitations.team", labelPath("grace").AtMapKey("id")),
			statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("ada").AtMapKey("status"), knownvalue.StringExact("EXPIRED")),
			statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("grace").AtMapKey("status"), knownvalue.StringExact("PENDING")),
		},
		Check: resource.ComposeTestCheckFunc(
			w.expectUser(t, "ada@example.com", iam.UserStatusExpired, 1),
			w.expectInvitationMails("ada@example.com", 1),
			w.expectInvitationMails("grace@example.com", 2),
		),
	}
}

// Which EXPIRED member is invited again: one whose invitation expired, unless active is false; never
// one whose access time has passed, whatever the status before.
func TestReinvitedUnderBothReadingsOfExpired(t *testing.T) {
	t.Parallel()
	expiredWith := func(accessExpiresAt timetypes.RFC3339) memberModel {
		return memberModel{Status: types.StringValue(iam.UserStatusExpired), AccessExpiresAt: accessExpiresAt, Active: types.BoolValue(true)}
	}
	active, inactive := memberModel{Active: types.BoolValue(true)}, memberModel{Active: types.BoolValue(false)}
	cases := []struct {
		name           string
		prior, planned memberModel
		want           bool
	}{
		{"invitation expired", expiredWith(timetypes.NewRFC3339Null()), active, true},
		{"invitation expired, access until later", expiredWith(timetypes.NewRFC3339ValueMust("2999-01-01T00:00:00Z")), active, true},
		{"invitation expired, left as it is", expiredWith(timetypes.NewRFC3339Null()), inactive, false},
		{"access time ran out", expiredWith(timetypes.NewRFC3339ValueMust("2001-01-01T00:00:00Z")), active, false},
		{"pending", memberModel{Status: types.StringValue(iam.UserStatusPending)}, active, false},
	}
	for _, c := range cases {
		if got := reinvited(c.prior, c.planned); got != c.want {
			t.Errorf("%s: reinvited = %v, want %v", c.name, got, c.want)
		}
	}
	var diags diag.Diagnostics
	addReinvitationWarning(&diags, path.Root("status"), "grace@example.com")
	if diags.WarningsCount() != 1 || !strings.Contains(diags[0].Detail(), "mails a new invitation") ||
		!strings.Contains(diags[0].Detail(), "set active = false") {
		t.Errorf("the warning of a new invitation does not say what the apply does and how to avoid it: %v", diags)
	}
}
