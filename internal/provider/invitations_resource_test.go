package provider

import (
	"context"
	"fmt"
	"regexp"
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

// team invites member-0000 … member-0199 as auditors, less the excluded addresses, with overrides merged over that.
func team(excluded, overrides string) string {
	return memberRoles + fmt.Sprintf(`
locals {
  emails = [for i in range(200) : format("member-%%04d@example.com", i)]
}

resource "synerise_invitations" "team" {
  members = merge(
    { for email in local.emails : email => { email = email, role_ids = [synerise_role.auditor.id] } if !contains(%s, email) },
    %s
  )
}`, excluded, overrides)
}

func memberPath(i int) tfjsonpath.Path {
	return tfjsonpath.New("members").AtMapKey(fmt.Sprintf("member-%04d@example.com", i))
}

func TestAccInvitationsResource_bulkOnboarding(t *testing.T) {
	w := newTestWorkspace(t)
	changed := team(`["member-0003@example.com", "member-0004@example.com"]`, `{
      "member-0002@example.com" = { email = "member-0002@example.com", role_ids = [synerise_role.auditor.id, synerise_role.developer.id] }
      "ada@example.com"         = { email = "ada@example.com", first_name = "Ada", role_ids = [synerise_role.developer.id] }
    }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: w.mock.ResetCounts,
				Config:    w.config(team("[]", "{}")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitations.team", tfjsonpath.New("members"), knownvalue.MapSizeExact(200)),
					statecheck.ExpectKnownValue("synerise_invitations.team", memberPath(199).AtMapKey("status"), knownvalue.StringExact("PENDING")),
				},
				Check: func(*terraform.State) error {
					if err := w.expectRequests(map[string]int{
						"POST /uauth/users/invitations/invite-bulk": 1,
						"POST /uauth/users/invitations/invite":      0,
					}); err != nil {
						return fmt.Errorf("200 members: %w", err)
					}
					return w.expectMembers("member-", 200)
				},
			},
			{
				// member-0001 and member-0004 accept. Then member-0002 gets another role while pending,
				// member-0003 (pending) and member-0004 (accepted) leave, and ada joins: one update of the
				// resource, each person's change on its own line.
				PreConfig: func() {
					w.accept(t, "member-0001@example.com")
					w.accept(t, "member-0004@example.com")
					w.mock.ResetCounts()
				},
				Config: w.config(changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitations.team", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("synerise_invitations.team", tfjsonpath.New("members").AtMapKey("ada@example.com").AtMapKey("id")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitations.team", tfjsonpath.New("members"), knownvalue.MapSizeExact(199)),
					statecheck.ExpectKnownValue("synerise_invitations.team", memberPath(1).AtMapKey("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue("synerise_invitations.team", memberPath(2).AtMapKey("role_ids"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("synerise_invitations.team", tfjsonpath.New("members").AtMapKey("ada@example.com").AtMapKey("status"), knownvalue.StringExact("PENDING")),
				},
				Check: func(*terraform.State) error {
					if err := w.expectRequests(map[string]int{
						"POST /uauth/users/invitations/invite-bulk":       1,
						"DELETE /uauth/users/invitations/{invitationIds}": 1,
						"DELETE /uauth/users/profile-association/{ids}":   1,
						"POST /uauth/users/invitations/{invitationId}":    1,
						"POST /uauth/users/invitations/invite":            0,
						"DELETE /uauth/users/{ids}":                       0,
					}); err != nil {
						return err
					}
					if err := w.expectMembers("member-", 198); err != nil {
						return err
					}
					return w.expectUser(t, "member-0002@example.com", iam.UserStatusPending, 2)(nil)
				},
			},
			{
				// An expired member is invited again, within an update of the set.
				PreConfig: func() { w.expire(t, "member-0005@example.com") },
				Config:    w.config(changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitations.team", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("synerise_invitations.team", memberPath(5).AtMapKey("status")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitations.team", memberPath(5).AtMapKey("status"), knownvalue.StringExact("PENDING")),
				},
			},
			{
				// Removed outside Terraform: the next plan invites the member again.
				PreConfig: func() {
					if err := w.client.DeleteInvitations(context.Background(), w.user(t, "member-0006@example.com").ID); err != nil {
						t.Fatal(err)
					}
				},
				Config: w.config(changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue("synerise_invitations.team", memberPath(6).AtMapKey("id")),
					},
				},
				Check: func(*terraform.State) error { return w.expectMembers("member-", 198) },
			},
		},
	})
	if err := w.expectMembers("member-", 0); err != nil {
		t.Errorf("after destroy: %v", err)
	}
}

func TestAccInvitationsResource_import(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(memberRoles + `
resource "synerise_invitations" "pair" {
  members = {
    ada_example_com  = { email = "ada@example.com", first_name = "Ada", role_ids = [synerise_role.auditor.id] }
    alan_example_com = { email = "alan@example.com", last_name = "Turing", role_ids = [synerise_role.auditor.id, synerise_role.developer.id] }
  }
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				ResourceName:      "synerise_invitations.pair",
				ImportState:       true,
				ImportStateId:     "ada@example.com, alan@example.com",
				ImportStateVerify: true,
			},
			{
				ResourceName:  "synerise_invitations.pair",
				ImportState:   true,
				ImportStateId: "ada@example.com,not-an-address",
				ExpectError:   regexp.MustCompile(`"not-an-address" is not one`),
			},
		},
	})
}

func TestAccInvitationsResource_invalidInput(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(`
resource "synerise_invitations" "x" {
  members = { ada = { email = "ada.example.com", role_ids = [1] } }
}`),
				ExpectError: regexp.MustCompile(`must be an email address`),
			},
			{
				// All or nothing: one unknown role refuses the whole batch, and nothing is recorded.
				Config: w.config(`
resource "synerise_invitations" "x" {
  members = {
    ada  = { email = "ada@example.com", role_ids = [1] }
    alan = { email = "alan@example.com", role_ids = [424242] }
  }
}`),
				ExpectError: regexp.MustCompile(`(?s)Cannot invite 2 members.*404 Not Found.*424242`),
			},
		},
	})
	if err := w.expectMembers("@example.com", 1); err != nil { // the seeded admin only
		t.Error(err)
	}
}

func (w *testWorkspace) expectMembers(search string, want int) error {
	users, err := w.client.ListUsers(context.Background(), iam.UserFilter{Search: search})
	if err != nil {
		return err
	}
	if len(users) != want {
		return fmt.Errorf("the workspace has %d users matching %q, want %d", len(users), search, want)
	}
	return nil
}

// Should a bulk invite answer with no body, or with the users in another shape than a list, the
// provider finds the new invitations in the users listing instead, and does not invite again.
func TestAccInvitationsResource_bulkAnswerWithoutTheUsers(t *testing.T) {
	for name, contradicted := range map[string]mockserver.Assumption{
		"no body":       mockserver.InvitedUsersInAnswer,
		"another shape": mockserver.BulkInviteAnswersAList,
	} {
		t.Run(name, func(t *testing.T) {
			w := newTestWorkspaceWith(t, mockserver.Options{Without: []mockserver.Assumption{contradicted}})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						PreConfig: w.mock.ResetCounts,
						Config: w.config(memberRoles + `
resource "synerise_invitations" "team" {
  members = {
    "ada@example.com"   = { email = "ada@example.com", first_name = "Ada", role_ids = [synerise_role.auditor.id] }
    "grace@example.com" = { email = "grace@example.com", role_ids = [synerise_role.auditor.id, synerise_role.developer.id] }
  }
}`),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("synerise_invitations.team", tfjsonpath.New("members").AtMapKey("ada@example.com").AtMapKey("first_name"),
								knownvalue.StringExact("Ada")),
							statecheck.ExpectKnownValue("synerise_invitations.team", tfjsonpath.New("members").AtMapKey("grace@example.com").AtMapKey("role_ids"),
								knownvalue.SetSizeExact(2)),
							statecheck.ExpectKnownValue("synerise_invitations.team", tfjsonpath.New("members").AtMapKey("grace@example.com").AtMapKey("status"),
								knownvalue.StringExact("PENDING")),
						},
						Check: func(s *terraform.State) error {
							attrs := s.RootModule().Resources["synerise_invitations.team"].Primary.Attributes
							for _, email := range []string{"ada@example.com", "grace@example.com"} {
								if got, want := attrs["members."+email+".id"], fmt.Sprint(w.user(t, email).ID); got != want {
									return fmt.Errorf("the state holds %s as user %s, the workspace as %s", email, got, want)
								}
							}
							return w.expectRequests(map[string]int{"POST /uauth/users/invitations/invite-bulk": 1})
						},
					},
				},
			})
		})
	}
}
