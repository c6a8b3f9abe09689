package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

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

const memberRoles = auditorRole + `
resource "synerise_role" "developer" {
  group_id = synerise_role_group.security.id
  name     = "Developer"
}
`

func adaInvitation(roles, extra string) string {
	return fmt.Sprintf(`
resource "synerise_invitation" "ada" {
  email      = "ada@example.com"
  first_name = "Ada"
  last_name  = "Lovelace"
  role_ids   = [%s]
  %s
}`, roles, extra)
}

// The whole lifecycle a reviewer follows: invite, the person accepts, roles change, the member leaves.
func TestAccInvitationResource_lifecycle(t *testing.T) {
	w := newTestWorkspace(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps:                    append(adaInvitedSteps(t, w, sameID.AddStateValue), adaAcceptedSteps(t, w, sameID.AddStateValue)...),
	})
}

// adaInvitedSteps invite Ada and change her invitation while it is pending; sameID holds her id.
func adaInvitedSteps(t *testing.T, w *testWorkspace, sameID sameValue) []resource.TestStep {
	return []resource.TestStep{
		{
			Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "")),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID("synerise_invitation.ada", tfjsonpath.New("id")),
				statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("access_expires_at"), knownvalue.Null()),
			},
		},
		{
			// While pending, roles and names change through the invitation.
			Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id, synerise_role.developer.id", "")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID("synerise_invitation.ada", tfjsonpath.New("id")),
				statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("role_ids"), knownvalue.SetSizeExact(2)),
			},
			Check: w.expectUser(t, "ada@example.com", iam.UserStatusPending, 2),
		},
	}
}

// adaAcceptedSteps have Ada accept, change her access through the user, import her and take her out
// of the workspace; her id stays the one sameID holds.
func adaAcceptedSteps(t *testing.T, w *testWorkspace, sameID sameValue) []resource.TestStep {
	return []resource.TestStep{
		{
			// The person accepts: the refresh shows ACTIVE and nothing else changes.
			PreConfig: func() { w.accept(t, "ada@example.com") },
			Config:    w.config(memberRoles + adaInvitation("synerise_role.auditor.id, synerise_role.developer.id", "")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			},
		},
		{
			// Once active, roles, names and expiration change through the user.
			Config: w.config(memberRoles + adaInvitation("synerise_role.developer.id", `access_expires_at = "2030-01-31T00:00:00Z"`)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID("synerise_invitation.ada", tfjsonpath.New("id")),
				statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("role_ids"), knownvalue.SetSizeExact(1)),
				statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("access_expires_at"), knownvalue.StringExact("2030-01-31T00:00:00Z")),
			},
			Check: w.expectUser(t, "ada@example.com", iam.UserStatusActive, 1),
		},
		{
			ResourceName:      "synerise_invitation.ada",
			ImportState:       true,
			ImportStateVerify: true,
		},
		{
			ResourceName:      "synerise_invitation.ada",
			ImportState:       true,
			ImportStateId:     "ada@example.com",
			ImportStateVerify: true,
		},
		{
			// Removing the resource takes the member out of the workspace.
			Config: w.config(memberRoles),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionDestroy)},
			},
			Check: w.expectNoUser("ada@example.com"),
		},
	}
}

func TestAccInvitationResource_expiredIsReplaced(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(memberRoles + adaInvitation("synerise_role.auditor.id", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { w.expire(t, "ada@example.com") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				},
				Check: w.expectUser(t, "ada@example.com", iam.UserStatusPending, 1),
			},
		},
	})
}

func TestAccInvitationResource_removedOutsideTerraform(t *testing.T) {
	w := newTestWorkspace(t)
	testRemovedInTheApp(t, w, w.config(memberRoles+adaInvitation("synerise_role.auditor.id", "")),
		func(ctx context.Context) error {
			return w.client.DeleteInvitations(ctx, w.user(t, "ada@example.com").ID)
		},
		w.expectUser(t, "ada@example.com", iam.UserStatusPending, 1),
		plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionCreate),
	)
}

func TestAccInvitationResource_invalidInput(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(`resource "synerise_invitation" "x" {
  email = "ada.example.com"
  role_ids = [1]
}`),
				ExpectError: regexp.MustCompile(`must be an email address`),
			},
			{
				Config: w.config(`resource "synerise_invitation" "x" {
  email = "ada@example.com"
  role_ids = [424242]
}`),
				ExpectError: regexp.MustCompile(`(?s)Cannot invite ada@example.com.*404 Not Found.*424242`),
			},
			{
				Config: w.config(`resource "synerise_invitation" "x" {
  email             = "ada@example.com"
  role_ids          = [1]
  access_expires_at = "next tuesday"
}`),
				ExpectError: regexp.MustCompile(`(?s)Invalid RFC3339 String Value.*next tuesday`),
			},
		},
	})
}

func (w *testWorkspace) user(t *testing.T, email string) iam.User {
	t.Helper()
	users, err := w.client.ListUsers(context.Background(), iam.UserFilter{Search: email})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Email == email {
			return u
		}
	}
	t.Fatalf("no user %s", email)
	return iam.User{}
}

func (w *testWorkspace) accept(t *testing.T, email string) {
	t.Helper()
	if err := w.mock.AcceptInvitation(w.user(t, email).ID); err != nil {
		t.Fatal(err)
	}
}

func (w *testWorkspace) expire(t *testing.T, email string) {
	t.Helper()
	if err := w.mock.ExpireInvitation(w.user(t, email).ID); err != nil {
		t.Fatal(err)
	}
}

func (w *testWorkspace) expectUser(t *testing.T, email, status string, roles int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		u := w.user(t, email)
		if u.Status != status || len(u.Roles) != roles {
			return fmt.Errorf("user %s is %s with %d roles in the API, want %s with %d", email, u.Status, len(u.Roles), status, roles)
		}
		return nil
	}
}

func (w *testWorkspace) expectNoUser(email string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		users, err := w.client.ListUsers(context.Background(), iam.UserFilter{Search: email})
		if err != nil {
			return err
		}
		for _, u := range users {
			if u.Email == email {
				return fmt.Errorf("user %s is still in the workspace as %s", email, u.Status)
			}
		}
		return nil
	}
}

// Should an invite answer without the invited user, the provider finds the new invitation in the
// users listing instead, and does not invite again.
func TestAccInvitationResource_inviteAnsweredWithoutTheUser(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Without: []mockserver.Assumption{mockserver.InvitedUserInAnswer}})
	config := w.config(memberRoles + adaInvitation("synerise_role.auditor.id", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		CheckDestroy:             w.expectNoUser("ada@example.com"),
		Steps: []resource.TestStep{
			{
				PreConfig: w.mock.ResetCounts,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("first_name"), knownvalue.StringExact("Ada")),
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("role_ids"), knownvalue.SetSizeExact(1)),
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusPending, 1),
					func(s *terraform.State) error {
						if got, want := s.RootModule().Resources["synerise_invitation.ada"].Primary.ID, fmt.Sprint(w.user(t, "ada@example.com").ID); got != want {
							return fmt.Errorf("the state holds invitation %s, the workspace %s", got, want)
						}
						return w.expectRequests(map[string]int{"POST /uauth/users/invitations/invite": 1})
					},
				),
			},
		},
	})
}

// acceptThenResetCounts is the PreConfig of a step that starts from members who accepted their
// invitations, counting only the step's own requests.
func (w *testWorkspace) acceptThenResetCounts(t *testing.T, emails ...string) func() {
	return func() {
		for _, email := range emails {
			w.accept(t, email)
		}
		w.mock.ResetCounts()
	}
}

// setOutsideTerraform changes fields of a user that Terraform does not manage, as someone in the
// Synerise app would.
func (w *testWorkspace) setOutsideTerraform(t *testing.T, email, phone, language string) {
	t.Helper()
	u := w.user(t, email)
	update := iam.UserUpdateFrom(u)
	update.Phone, update.Language = &phone, &language
	if _, err := w.client.UpdateUser(context.Background(), u.ID, update); err != nil {
		t.Fatal(err)
	}
}

func (w *testWorkspace) expectKept(t *testing.T, email, phone, language string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		u := w.user(t, email)
		if u.Phone == nil || *u.Phone != phone || u.Language == nil || *u.Language != language {
			return fmt.Errorf("%s has phone %v and language %v in the API, want %s and %s", email, deref(u.Phone), deref(u.Language), phone, language)
		}
		return nil
	}
}

func deref(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

// Issue 18.4: the update of a member is a full update, so fields Terraform does not manage, set in
// the app, are sent back as they are instead of being cleared.
func TestAccInvitationResource_keepsUnmanagedFields(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id", ""))},
			{
				PreConfig: func() {
					w.acceptThenResetCounts(t, "ada@example.com")()
					w.setOutsideTerraform(t, "ada@example.com", "+48 600 100 200", "en-GB")
				},
				Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id, synerise_role.developer.id", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusActive, 2),
					w.expectKept(t, "ada@example.com", "+48 600 100 200", "en-GB"),
				),
			},
		},
	})
}

// Issue 18.2: a member who accepted can be deactivated and activated again; someone activating the
// member outside Terraform shows in the next plan, which deactivates them again.
func TestAccInvitationResource_deactivation(t *testing.T) {
	w := newTestWorkspace(t)
	active := tfjsonpath.New("active")
	inactive := w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "active = false"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", active, knownvalue.Bool(true)),
				},
			},
			{
				// Still pending: refused at plan time, naming what to do.
				Config:      inactive,
				ExpectError: wrappedError(`Cannot deactivate a pending invitation(?s).*ada@example.com has not accepted.*Leave active = true`),
			},
			{
				PreConfig: w.acceptThenResetCounts(t, "ada@example.com"),
				Config:    inactive,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("status"), knownvalue.StringExact(iam.UserStatusInactive)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					w.expectUser(t, "ada@example.com", iam.UserStatusInactive, 1),
					func(*terraform.State) error {
						return w.expectRequests(map[string]int{"POST /uauth/users/deactivate": 1, "POST /uauth/users/{userId}": 0})
					},
				),
			},
			{
				// Activated in the app: drift, undone by the next apply.
				PreConfig: w.inTheApp(t, func(ctx context.Context) error { return w.client.ActivateUsers(ctx, w.user(t, "ada@example.com").ID) }),
				Config:    inactive,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("synerise_invitation.ada", active, knownvalue.Bool(false)),
					},
				},
				Check: w.expectUser(t, "ada@example.com", iam.UserStatusInactive, 1),
			},
			{
				Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("status"), knownvalue.StringExact(iam.UserStatusActive)),
				},
				Check: w.expectUser(t, "ada@example.com", iam.UserStatusActive, 1),
			},
		},
	})
}

// A new member cannot start inactive: refused at plan time when the value is known, and before
// anything is sent when only the apply knows it. Nobody is invited.
func TestAccInvitationResource_newMemberCannotBeInactive(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "active = false")),
				PlanOnly:    true,
				ExpectError: wrappedError(`Cannot deactivate a pending invitation`),
			},
			{
				Config: w.config(memberRoles + `
resource "terraform_data" "flag" {
  input = false
}
` + adaInvitation("synerise_role.auditor.id", "active = terraform_data.flag.output")),
				ExpectError: wrappedError(`Cannot deactivate a pending invitation(?s).*ada@example.com has not accepted`),
			},
		},
	})
	if err := w.expectMembers("ada@", 0); err != nil {
		t.Error(err)
	}
}

// Issue 18.3: roles are optional, as the reference makes them; none by default.
func TestAccInvitationResource_withoutRoles(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(`
resource "synerise_invitation" "ada" {
  email = "ada@example.com"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", tfjsonpath.New("role_ids"), knownvalue.SetSizeExact(0)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: w.expectUser(t, "ada@example.com", iam.UserStatusPending, 0),
			},
			{
				Config: w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "")),
				Check:  w.expectUser(t, "ada@example.com", iam.UserStatusPending, 1),
			},
		},
	})
}

// crew is a configuration of n invitations, crew-0@example.com onwards.
func crew(n int) string {
	return fmt.Sprintf(`
resource "synerise_invitation" "crew" {
  count = %d
  email = "crew-${count.index}@example.com"
}`, n)
}

// Destroying many members sends their deletes together: Terraform deletes up to ten resources at a
// time, and the client sends the deletes of each kind that arrive close together as one request.
func TestAccInvitationResource_destroyBatchesDeletes(t *testing.T) {
	w := newTestWorkspace(t)
	const members, accepted = 30, 5
	acceptedEmails := make([]string, accepted)
	for i := range acceptedEmails {
		acceptedEmails[i] = fmt.Sprintf("crew-%d@example.com", i)
	}
	// A window of a second holds each batch until all of Terraform's ten slots wait on it, however slow
	// the machine: the count below does not depend on timing.
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactoriesWith(func(c *iam.Config) { c.DeleteBatchWindow = time.Second }),
		Steps: []resource.TestStep{
			{Config: w.config(crew(members))},
			{
				// Some accept; the refresh records it (the testing framework applies without refreshing).
				PreConfig: w.acceptThenResetCounts(t, acceptedEmails...),
				Config:    w.config(crew(members)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.crew[0]", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
			},
			{
				// Those who accepted leave the workspace, the others' invitations are withdrawn.
				PreConfig: w.mock.ResetCounts,
				Config:    w.config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.crew[0]", plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction(fmt.Sprintf("synerise_invitation.crew[%d]", members-1), plancheck.ResourceActionDestroy),
					},
				},
				Check: func(*terraform.State) error {
					if err := w.expectMembers("crew-", 0); err != nil {
						return err
					}
					return w.expectFewDeletes(members, 10)
				},
			},
		},
	})
}

// expectFewDeletes checks that the deletes of resources members took at most want requests. Against a
// faulty mock each fault on a delete may add its retry, and, when it lost the answer of a batch, the
// batch's calls sent again one by one: at most one per resource Terraform deletes at a time.
func (w *testWorkspace) expectFewDeletes(resources, want int) error {
	const terraformParallelism = 10
	counts, faults := w.mock.RequestCounts(), w.mock.FaultCounts()
	routes := []string{"DELETE /uauth/users/invitations/{invitationIds}", "DELETE /uauth/users/profile-association/{ids}"}
	sent, faulted := 0, 0
	for _, route := range routes {
		sent, faulted = sent+counts[route], faulted+faults[route]
	}
	if sent-faulted*(1+terraformParallelism) > want {
		return fmt.Errorf("deleting %d members took %d requests (%d of them met an injected fault), want at most %d", resources, sent, faulted, want)
	}
	return nil
}

// Someone who accepts their invitation after the last refresh is still PENDING in the state when the
// destroy comes (terraform apply -refresh=false, or an acceptance between plan and apply): the
// invitation is gone, so its delete answers 404, and the person must leave the workspace as a member
// instead of staying on unnoticed. The same holds for a member of synerise_invitations, whose
// invitation is deleted together with others that are still pending.
func TestAccInvitationResource_acceptedSinceRefreshIsRemovedOnDestroy(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(`
resource "synerise_invitation" "late" {
  email = "late-lead@example.com"
}

resource "synerise_invitations" "late" {
  members = {
    first  = { email = "late-first@example.com" }
    second = { email = "late-second@example.com" }
  }
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// The testing framework applies without refreshing: the state still says PENDING.
				PreConfig: w.acceptThenResetCounts(t, "late-lead@example.com", "late-first@example.com"),
				Config:    w.config(""),
				Check: func(*terraform.State) error {
					return w.expectMembers("late-", 0)
				},
			},
		},
	})
}
