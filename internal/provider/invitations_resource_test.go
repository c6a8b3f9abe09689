package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"testing"

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

// memberRemovalAfterInvitationDeleteFaults: under make test-faults, the delete of a pending member's
// invitation may meet a fault after the API committed it. Sent again, it answers 404, which the provider
// reads as an invitation accepted since the refresh, so it removes the user as a member too (finding
// nobody): each such fault allows one more removal.
var memberRemovalAfterInvitationDeleteFaults = extraCalls{
	route:  "DELETE /uauth/users/profile-association/{ids}",
	causes: []string{"DELETE /uauth/users/invitations/{invitationIds}"},
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
			teamInvitedStep(w),
			teamChangedStep(t, w, changed),
			teamMemberExpiredStep(t, w, changed),
			teamMemberRemovedInTheAppStep(t, w, changed),
		},
	})
	if err := w.expectMembers("member-", 0); err != nil {
		t.Errorf("after destroy: %v", err)
	}
}

// teamInvitedStep invites the 200 members of team in one bulk request.
func teamInvitedStep(w *testWorkspace) resource.TestStep {
	return resource.TestStep{
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
	}
}

// teamChangedStep applies changed, in which members accepted, changed, left and joined.
func teamChangedStep(t *testing.T, w *testWorkspace, changed string) resource.TestStep {
	return resource.TestStep{
		// member-0001 and member-0004 accept. Then member-0002 gets another role while pending,
		// member-0003 (pending) and member-0004 (accepted) leave, and ada joins: one update of the
		// resource, each person's change on its own line.
		PreConfig: w.acceptThenResetCounts(t, "member-0001@example.com", "member-0004@example.com"),
		Config:    w.config(changed),
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
				"POST /uauth/users/invitations/{invitationId}":    1,
				"POST /uauth/users/invitations/invite":            0,
				"DELETE /uauth/users/{ids}":                       0,
				// member-0004, who accepted, is removed from the workspace in one request.
				"DELETE /uauth/users/profile-association/{ids}": 1,
			}, memberRemovalAfterInvitationDeleteFaults); err != nil {
				return err
			}
			if err := w.expectMembers("member-", 198); err != nil {
				return err
			}
			return w.expectUser(t, "member-0002@example.com", iam.UserStatusPending, 2)(nil)
		},
	}
}

// teamMemberExpiredStep lets member-0005 expire before changed is applied again.
func teamMemberExpiredStep(t *testing.T, w *testWorkspace, changed string) resource.TestStep {
	return resource.TestStep{
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
	}
}

// teamMemberRemovedInTheAppStep deletes member-0006 in the app before changed is applied again.
func teamMemberRemovedInTheAppStep(t *testing.T, w *testWorkspace, changed string) resource.TestStep {
	return resource.TestStep{
		// Removed outside Terraform: the next plan invites the member again.
		PreConfig: w.inTheApp(t, func(ctx context.Context) error {
			return w.client.DeleteInvitations(ctx, w.user(t, "member-0006@example.com").ID)
		}),
		Config: w.config(changed),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("synerise_invitations.team", memberPath(6).AtMapKey("id")),
			},
		},
		Check: func(*terraform.State) error { return w.expectMembers("member-", 198) },
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

// membersConfig is a synerise_invitations.team of members given as HCL object bodies by label.
func membersConfig(members map[string]string) string {
	body := ""
	for _, label := range slices.Sorted(maps.Keys(members)) {
		body += fmt.Sprintf("    %q = { %s }\n", label, members[label])
	}
	return memberRoles + fmt.Sprintf(`
resource "synerise_invitations" "team" {
  members = {
%s  }
}`, body)
}

func labelPath(label string) tfjsonpath.Path { return tfjsonpath.New("members").AtMapKey(label) }

// Issue 19: members are keyed by labels of the user's choice. A label renamed over the same address
// keeps the member, a changed address is another person, and one address under two labels is refused.
func TestAccInvitationsResource_labels(t *testing.T) {
	w := newTestWorkspace(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	const grace = `email = "grace@example.com", role_ids = [synerise_role.auditor.id]`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// One address under two labels is refused before anything is sent.
				Config: w.config(membersConfig(map[string]string{
					"lovelace": `email = "Ada@example.com"`, "ada": `email = "ada@EXAMPLE.com"`, "grace": `email = "hopper@example.com"`,
				})),
				ExpectError: wrappedError(`Duplicate member(?s).*"ada" \(ada@EXAMPLE.com\) and "lovelace" \(Ada@example.com\) have one`),
			},
			{
				Config: w.config(membersConfig(map[string]string{"ada": `email = "ada@example.com"`, "grace": grace})),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_invitations.team", labelPath("ada").AtMapKey("id")),
				},
			},
			{
				PreConfig: w.acceptThenResetCounts(t, "ada@example.com"),
				Config:    w.config(membersConfig(map[string]string{"lovelace": `email = "Ada@example.com"`, "grace": grace})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitations.team", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("synerise_invitations.team", labelPath("lovelace").AtMapKey("status"), knownvalue.StringExact(iam.UserStatusActive)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_invitations.team", labelPath("lovelace").AtMapKey("id")),
					statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("lovelace").AtMapKey("email"), knownvalue.StringExact("Ada@example.com")),
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return w.expectRequests(noMembershipChange) },
					w.expectUser(t, "ada@example.com", iam.UserStatusActive, 0),
				),
			},
			{
				// Another address under a label is another person: the plan says so.
				PreConfig: w.mock.ResetCounts,
				Config: w.config(membersConfig(map[string]string{
					"lovelace": `email = "Ada@example.com"`, "grace": `email = "hopper@example.com", role_ids = [synerise_role.auditor.id]`,
				})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue("synerise_invitations.team", labelPath("grace").AtMapKey("id")),
						plancheck.ExpectUnknownValue("synerise_invitations.team", labelPath("grace").AtMapKey("status")),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectNoUser("grace@example.com"),
					w.expectUser(t, "hopper@example.com", iam.UserStatusPending, 1),
					func(*terraform.State) error {
						return w.expectRequests(map[string]int{"DELETE /uauth/users/invitations/{invitationIds}": 1, "POST /uauth/users/invitations/invite-bulk": 1})
					},
				),
			},
		},
	})
}

// Issue 18.2 in bulk: members who accepted are (de)activated with one request per kind, drift shows,
// a pending invitation cannot be deactivated, and an expired one with active = false stays as it is.
func TestAccInvitationsResource_deactivation(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: adaGraceAndAlan(w, "", "", "")},
			membersDeactivatedStep(t, w),
			memberActivatedInTheAppStep(t, w),
			{
				Config:      adaGraceAndAlan(w, "active = false", "active = false", "active = false"),
				ExpectError: wrappedError(`Cannot deactivate a pending invitation(?s).*alan@example.com has not accepted`),
			},
			expiredMemberInactiveStep(t, w),
		},
	})
}

// adaGraceAndAlan is a synerise_invitations of three members, each with the extra arguments given.
func adaGraceAndAlan(w *testWorkspace, ada, grace, alan string) string {
	return w.config(membersConfig(map[string]string{
		"ada":   `email = "ada@example.com", ` + ada,
		"grace": `email = "grace@example.com", ` + grace,
		"alan":  `email = "alan@example.com", ` + alan,
	}))
}

// membersDeactivatedStep has ada and grace accept, then deactivates them in one request.
func membersDeactivatedStep(t *testing.T, w *testWorkspace) resource.TestStep {
	return resource.TestStep{
		PreConfig: w.acceptThenResetCounts(t, "ada@example.com", "grace@example.com"),
		Config:    adaGraceAndAlan(w, "active = false", "active = false", ""),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue("synerise_invitations.team", labelPath("ada").AtMapKey("status"), knownvalue.StringExact(iam.UserStatusInactive)),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		Check: resource.ComposeTestCheckFunc(
			w.expectUser(t, "ada@example.com", iam.UserStatusInactive, 0),
			w.expectUser(t, "grace@example.com", iam.UserStatusInactive, 0),
			func(*terraform.State) error {
				return w.expectRequests(map[string]int{"POST /uauth/users/deactivate": 1, "POST /uauth/users/activate": 0})
			},
		),
	}
}

// memberActivatedInTheAppStep activates grace in the app, and the apply deactivates her again.
func memberActivatedInTheAppStep(t *testing.T, w *testWorkspace) resource.TestStep {
	return resource.TestStep{
		// Activated in the app: drift, undone by the next apply.
		PreConfig: w.inTheApp(t, func(ctx context.Context) error { return w.client.ActivateUsers(ctx, w.user(t, "grace@example.com").ID) }),
		Config:    adaGraceAndAlan(w, "active = false", "active = false", ""),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("synerise_invitations.team", plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue("synerise_invitations.team", labelPath("grace").AtMapKey("active"), knownvalue.Bool(false)),
			},
		},
		Check: w.expectUser(t, "grace@example.com", iam.UserStatusInactive, 0),
	}
}

// expiredMemberInactiveStep lets alan expire and keeps him inactive, which invites nobody again.
func expiredMemberInactiveStep(t *testing.T, w *testWorkspace) resource.TestStep {
	return resource.TestStep{
		// Expired and inactive: left as it is, not invited again.
		PreConfig: func() {
			w.expire(t, "alan@example.com")
			w.mock.ResetCounts()
		},
		Config: adaGraceAndAlan(w, "", "", "active = false"),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		Check: resource.ComposeTestCheckFunc(
			w.expectUser(t, "ada@example.com", iam.UserStatusActive, 0),
			w.expectUser(t, "alan@example.com", iam.UserStatusExpired, 0),
			w.expectInvitationMails("alan@example.com", 1),
			func(*terraform.State) error {
				return w.expectRequests(map[string]int{"POST /uauth/users/activate": 1, "POST /uauth/users/invitations/invite-bulk": 0})
			},
		),
	}
}

// Issue 18.3 and 18.4 in bulk: each member has its own access expiration, roles are optional, and an
// update sends back the fields Terraform does not manage.
func TestAccInvitationsResource_expirationRolesAndKeptFields(t *testing.T) {
	w := newTestWorkspace(t)
	const expires = "2030-01-31T00:00:00Z"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(membersConfig(map[string]string{
					"ada":   `email = "ada@example.com"`,
					"grace": fmt.Sprintf(`email = "grace@example.com", role_ids = [synerise_role.auditor.id], access_expires_at = %q`, expires),
				})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("ada").AtMapKey("role_ids"), knownvalue.SetSizeExact(0)),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusPending, 0),
					w.expectAccessExpiration(t, "grace@example.com", expires),
				),
			},
			{
				PreConfig: func() {
					w.acceptThenResetCounts(t, "ada@example.com")()
					w.setOutsideTerraform(t, "ada@example.com", "+48 600 100 200", "en-GB")
				},
				Config: w.config(membersConfig(map[string]string{
					"ada":   fmt.Sprintf(`email = "ada@example.com", role_ids = [synerise_role.developer.id], access_expires_at = %q`, expires),
					"grace": `email = "grace@example.com", role_ids = [synerise_role.auditor.id]`,
				})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusActive, 1),
					w.expectAccessExpiration(t, "ada@example.com", expires),
					w.expectKept(t, "ada@example.com", "+48 600 100 200", "en-GB"),
					func(*terraform.State) error {
						if u := w.user(t, "grace@example.com"); u.AccessExpirationDate != nil {
							return fmt.Errorf("grace's access still expires at %s", *u.AccessExpirationDate)
						}
						return nil
					},
				),
			},
		},
	})
}

// Members known only at apply (from another resource, or a module's variable while it is validated)
// plan and apply: the checks that compare addresses wait for the addresses.
func TestAccInvitationsResource_membersKnownOnlyAtApply(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(memberRoles + `
resource "terraform_data" "team" {
  input = {
    ada  = { email = "ada@example.com", first_name = "", last_name = "", role_ids = [synerise_role.auditor.id], active = true, access_expires_at = null }
    late = { email = "late@example.com", first_name = "", last_name = "", role_ids = [], active = true, access_expires_at = null }
  }
}

resource "synerise_invitations" "team" {
  members = terraform_data.team.output
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue("synerise_invitations.team", tfjsonpath.New("members"))},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitations.team", labelPath("late").AtMapKey("status"), knownvalue.StringExact(iam.UserStatusPending)),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusPending, 1),
					w.expectUser(t, "late@example.com", iam.UserStatusPending, 0),
				),
			},
		},
	})
}

// A create that fails after the invitations went out records the invited members and says how to
// keep them: Terraform taints the resource, and its replacement would withdraw and resend them.
func TestAccInvitationsResource_failureAfterTheInvitationsSaysHowToKeepThem(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		"PUT /uauth/users/{userId}/access-time": {mockserver.FaultUnavailable},
	}}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: hostileProvider(w, `max_retries = 0`) + memberRoles + `
resource "synerise_invitations" "team" {
  members = {
    ada   = { email = "ada@example.com", access_expires_at = "2030-01-01T00:00:00Z" }
    grace = { email = "grace@example.com" }
  }
}`,
				ExpectError: wrappedError(`Some members were invited(?s).*2 of the 2 members.*terraform untaint`),
			},
		},
	})
}

// A withdrawal the API committed but whose answer was lost is not an error. Sent again, it answers 404,
// which the provider reads as an invitation accepted since the refresh: it removes the user as a member
// too, finds nobody, and the member is gone as asked (memberRemovalAfterInvitationDeleteFaults).
func TestAccInvitationsResource_withdrawalWhoseAnswerWasLost(t *testing.T) {
	const withdrawals = "DELETE /uauth/users/invitations/{invitationIds}"
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		withdrawals: {mockserver.FaultGatewayAfterCommit},
	}}})
	team := func(members string) string {
		return hostileProvider(w, "") + memberRoles + `
resource "synerise_invitations" "team" {
  members = {` + members + `
  }
}`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: team(`
    ada   = { email = "ada@example.com", role_ids = [synerise_role.developer.id] }
    grace = { email = "grace@example.com" }`),
			},
			{
				PreConfig: w.mock.ResetCounts,
				Config: team(`
    ada = { email = "ada@example.com", role_ids = [synerise_role.developer.id] }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectNoUser("grace@example.com"),
					w.expectUser(t, "ada@example.com", iam.UserStatusPending, 1),
					func(*terraform.State) error {
						return w.expectRequests(map[string]int{
							withdrawals: 2,
							"DELETE /uauth/users/profile-association/{ids}": 1,
						})
					},
				),
			},
		},
	})
}
