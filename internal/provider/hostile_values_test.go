package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
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

// Values the API normalises (the offset of a time, the case of an email address or a domain name) and
// import ids that name the wrong objects, as found by hostile testing (issue 14).

func expiringInvitation(expiresAt string) string {
	return memberRoles + adaInvitation("synerise_role.auditor.id", fmt.Sprintf("access_expires_at = %q", expiresAt))
}

// Bug 2: the API answers an expiration in UTC. Written with another offset it is the same instant: the
// apply succeeds, the state keeps the configuration's notation, and nobody is invited twice.
func TestAccHostileValues_accessExpiresAtWithOffset(t *testing.T) {
	w := newTestWorkspace(t)
	const withOffset, inUTC = "2030-06-01T02:00:00+02:00", "2030-06-01T00:00:00Z"
	expiresAt := tfjsonpath.New("access_expires_at")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(expiringInvitation(withOffset)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", expiresAt, knownvalue.StringExact(withOffset)),
				},
				Check: w.expectAccessExpiration(t, "ada@example.com", inUTC),
			},
			{
				// A real change of the instant outside Terraform still shows as drift, and is undone.
				PreConfig: func() {
					other := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
					if err := w.client.SetUserAccessExpiration(context.Background(), w.user(t, "ada@example.com").ID, &other); err != nil {
						t.Fatal(err)
					}
				},
				Config: w.config(expiringInvitation(withOffset)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitation.ada", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("synerise_invitation.ada", expiresAt, knownvalue.StringExact(withOffset)),
					},
				},
				Check: w.expectAccessExpiration(t, "ada@example.com", inUTC),
			},
			{
				// Another notation of the same instant updates the state only: nothing is sent.
				PreConfig: w.mock.ResetCounts,
				Config:    w.config(expiringInvitation(inUTC)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_invitation.ada", expiresAt, knownvalue.StringExact(inUTC)),
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						return w.expectRequests(map[string]int{
							"PUT /uauth/users/{userId}/access-time":        0,
							"POST /uauth/users/invitations/{invitationId}": 0,
						})
					},
					w.expectInvitationMails("ada@example.com", 1),
				),
			},
		},
	})
}

func mixedCaseInvitation(email string) string {
	return memberRoles + fmt.Sprintf(`
resource "synerise_invitation" "mixed" {
  email    = %q
  role_ids = [synerise_role.auditor.id]
}`, email)
}

// noMembershipChange is what a respelling must not send: no removal, no invitation, no update.
var noMembershipChange = map[string]int{
	"DELETE /uauth/users/profile-association/{ids}":   0,
	"DELETE /uauth/users/invitations/{invitationIds}": 0,
	"POST /uauth/users/invitations/invite":            0,
	"POST /uauth/users/invitations/invite-bulk":       0,
	"POST /uauth/users/{userId}":                      0,
}

// Bug 3: a case-only change of an active member's address keeps the member: no removal, no new
// invitation, the same id, still ACTIVE.
func TestAccHostileValues_emailCaseChangeKeepsMember(t *testing.T) {
	w := newTestWorkspace(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(mixedCaseInvitation("mixed.case@example.com")),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_invitation.mixed", tfjsonpath.New("id")),
				},
			},
			{
				PreConfig: w.acceptThenResetCounts(t, "mixed.case@example.com"),
				Config:    w.config(mixedCaseInvitation("Mixed.Case@example.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_invitation.mixed", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_invitation.mixed", tfjsonpath.New("id")),
					statecheck.ExpectKnownValue("synerise_invitation.mixed", tfjsonpath.New("email"), knownvalue.StringExact("Mixed.Case@example.com")),
					statecheck.ExpectKnownValue("synerise_invitation.mixed", tfjsonpath.New("status"), knownvalue.StringExact(iam.UserStatusActive)),
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return w.expectRequests(noMembershipChange) },
					w.expectUser(t, "mixed.case@example.com", iam.UserStatusActive, 1),
					w.expectInvitationMails("mixed.case@example.com", 1),
				),
			},
		},
	})
}

// Bug 3: a case-only change of a managed domain keeps it managed: no deletion, no second verification.
func TestAccHostileValues_domainCaseChangeKeepsDomain(t *testing.T) {
	w := newTestWorkspace(t)
	w.mock.PublishDomainProof("example.org", iam.DomainVerificationTXTRecord)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(domainConfig("Example.ORG", iam.DomainVerificationTXTRecord, "1m")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_managed_domain.this", tfjsonpath.New("domain"), knownvalue.StringExact("Example.ORG")),
				},
			},
			{
				PreConfig: w.mock.ResetCounts,
				Config:    w.config(domainConfig("example.org", iam.DomainVerificationTXTRecord, "1m")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_managed_domain.this", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_managed_domain.this", tfjsonpath.New("domain"), knownvalue.StringExact("example.org")),
					statecheck.ExpectKnownValue("synerise_managed_domain.this", tfjsonpath.New("id"), knownvalue.StringExact("example.org")),
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						return w.expectRequests(map[string]int{verifyRoute: 0, "DELETE /uauth/managed-domains": 0})
					},
					w.expectManagedDomains("Example.ORG"),
				),
			},
		},
	})
}

// casedMembers labels each member with its address, as version 0 of the schema keyed them.
func casedMembers(emails ...string) string {
	members := map[string]string{}
	for _, email := range emails {
		members[email] = fmt.Sprintf("email = %q, role_ids = [synerise_role.auditor.id]", email)
	}
	return membersConfig(members)
}

// Bug 3: in synerise_invitations, two keys that differ only by case are one address, refused at plan
// time; a case-only rename of a key carries the member over instead of removing and re-inviting them.
func TestAccHostileValues_invitationsKeysByCase(t *testing.T) {
	w := newTestWorkspace(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	members := tfjsonpath.New("members")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(casedMembers("dup@example.com", "DUP@example.com")),
				ExpectError: wrappedError(`Duplicate member(?s).*"DUP@example.com" \(DUP@example.com\) and "dup@example.com" \(dup@example.com\) have one email`),
			},
			{
				Config: w.config(casedMembers("mixed.case@example.com")),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_invitations.team", members.AtMapKey("mixed.case@example.com").AtMapKey("id")),
				},
				Check: func(*terraform.State) error { return w.expectMembers("dup@", 0) },
			},
			{
				PreConfig: w.acceptThenResetCounts(t, "mixed.case@example.com"),
				Config:    w.config(casedMembers("Mixed.Case@example.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_invitations.team", plancheck.ResourceActionUpdate),
						// Known at plan time: the plan says the member stays who they are.
						plancheck.ExpectKnownValue("synerise_invitations.team", members.AtMapKey("Mixed.Case@example.com").AtMapKey("status"),
							knownvalue.StringExact(iam.UserStatusActive)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_invitations.team", members.AtMapKey("Mixed.Case@example.com").AtMapKey("id")),
					statecheck.ExpectKnownValue("synerise_invitations.team", members, knownvalue.MapSizeExact(1)),
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return w.expectRequests(noMembershipChange) },
					w.expectUser(t, "mixed.case@example.com", iam.UserStatusActive, 1),
					w.expectInvitationMails("mixed.case@example.com", 1),
				),
			},
		},
	})
}

// Bug 6: an import id that names one member twice (by case), or addresses that are neither members
// nor invitations of the workspace, is refused, naming them; the member stays in the workspace.
func TestAccHostileValues_invitationsImportRefusesWrongIDs(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(casedMembers("imp@example.com"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:     func() { w.accept(t, "imp@example.com") },
				ResourceName:  "synerise_invitations.team",
				ImportState:   true,
				ImportStateId: "IMP@example.com,imp@example.com",
				ExpectError:   wrappedError(`IMP@example.com and imp@example.com are one email address`),
			},
			{
				ResourceName:  "synerise_invitations.team",
				ImportState:   true,
				ImportStateId: "ghost@example.com,imp@example.com,phantom@example.com",
				ExpectError:   wrappedError(`ghost@example.com, phantom@example.com: neither members nor invitations of the workspace`),
			},
			{
				ResourceName:  "synerise_invitations.team",
				ImportState:   true,
				ImportStateId: "ghost@example.com",
				ExpectError:   wrappedError(`ghost@example.com: neither members nor invitations of the workspace`),
			},
			{
				Config: config,
				Check:  w.expectUser(t, "imp@example.com", iam.UserStatusActive, 1),
			},
		},
	})
}

// Importing what the workspace does not have, or an id of the wrong form, fails naming it, instead of
// Terraform's "Cannot import non-existent remote object".
func TestAccHostileValues_importNamesMissingObject(t *testing.T) {
	w := newTestWorkspace(t)
	domain := w.config(`
resource "synerise_managed_domain" "this" {
  domain = "example.org"
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:        w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "")),
				ResourceName:  "synerise_invitation.ada",
				ImportState:   true,
				ImportStateId: "4242",
				ExpectError:   wrappedError(`no user 4242 in the workspace`),
			},
			{
				Config:        w.config(memberRoles + adaInvitation("synerise_role.auditor.id", "")),
				ResourceName:  "synerise_invitation.ada",
				ImportState:   true,
				ImportStateId: "ada@example.com",
				ExpectError:   wrappedError(`No user or invitation of the workspace has the email address ada@example.com`),
			},
			{
				Config:        domain,
				ResourceName:  "synerise_managed_domain.this",
				ImportState:   true,
				ImportStateId: "https://example.org/",
				ExpectError:   wrappedError(`Expected a bare domain name such as example.com, without scheme, path or trailing dot; got "https://example.org/"`),
			},
			{
				Config:        domain,
				ResourceName:  "synerise_managed_domain.this",
				ImportState:   true,
				ImportStateId: "example.org",
				ExpectError:   wrappedError(`The workspace manages no domain example.org`),
			},
		},
	})
}

// Role ids are positive: a zero or negative one is refused at plan time, in both resources.
func TestAccHostileValues_roleIDsMustBePositive(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(adaInvitation("-1", "")),
				PlanOnly:    true,
				ExpectError: wrappedError(`role_ids\[Value\(-1\)\] value must be at least 1, got: -1`),
			},
			{
				Config:      w.config(adaInvitation("0", "")),
				PlanOnly:    true,
				ExpectError: wrappedError(`value must be at least 1, got: 0`),
			},
			{
				Config: w.config(`
resource "synerise_invitations" "team" {
  members = { ada = { email = "ada@example.com", role_ids = [1, -7] } }
}`),
				PlanOnly:    true,
				ExpectError: wrappedError(`members\["ada"\].role_ids\[Value\(-7\)\] value must be at least 1, got: -7`),
			},
		},
	})
}

// An expiration in the past is a warning, not an error: the plan succeeds (the warning itself is
// asserted by TestPastAccessExpirationWarnsInThePlanThatSetsIt).
func TestAccHostileValues_pastAccessExpirationPlans(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:             w.config(expiringInvitation("2001-01-01T00:00:00Z")),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// A time that has passed warns in the plan that sets it: for a new member, or when it changes. A plan
// that keeps the time the state holds, in any notation, is quiet.
func TestPastAccessExpirationWarnsInThePlanThatSetsIt(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	m := pastAccessExpiration{now: func() time.Time { return now }}
	for _, tc := range []struct {
		state, plan types.String
		warns       bool
	}{
		{types.StringNull(), types.StringValue("2026-05-01T11:59:59Z"), true},
		// 11:30 UTC: in the past, though its clock reads later than now's.
		{types.StringNull(), types.StringValue("2026-05-01T13:30:00+02:00"), true},
		{types.StringValue("2027-01-01T00:00:00Z"), types.StringValue("2026-05-01T11:59:59Z"), true},
		{types.StringValue("2026-04-01T00:00:00Z"), types.StringValue("2026-05-01T11:59:59Z"), true},
		// Kept: warned of when it was set.
		{types.StringValue("2026-05-01T11:59:59Z"), types.StringValue("2026-05-01T11:59:59Z"), false},
		{types.StringValue("2026-05-01T11:59:59Z"), types.StringValue("2026-05-01T13:59:59+02:00"), false},
		{types.StringNull(), types.StringValue("2026-05-01T12:00:01Z"), false},
		{types.StringNull(), types.StringValue("2026-05-01T08:00:01-04:00"), false},
		{types.StringValue("2026-04-01T00:00:00Z"), types.StringNull(), false},
		{types.StringNull(), types.StringUnknown(), false},
		// The attribute's type reports a malformed time; the warning stays out of the way.
		{types.StringNull(), types.StringValue("next tuesday"), false},
	} {
		resp := &planmodifier.StringResponse{PlanValue: tc.plan}
		m.PlanModifyString(context.Background(), planmodifier.StringRequest{
			Path: path.Root("access_expires_at"), StateValue: tc.state, PlanValue: tc.plan, ConfigValue: tc.plan,
		}, resp)
		if resp.Diagnostics.ErrorsCount() > 0 || !resp.PlanValue.Equal(tc.plan) {
			t.Errorf("%s → %s: errors %v, plan %s; want at most a warning, and the plan as it was", tc.state, tc.plan, resp.Diagnostics, resp.PlanValue)
		}
		warnings := resp.Diagnostics.Warnings()
		if !tc.warns {
			if len(warnings) > 0 {
				t.Errorf("%s → %s: warned %v", tc.state, tc.plan, warnings)
			}
			continue
		}
		if len(warnings) != 1 {
			t.Errorf("%s → %s: %d warnings, want 1", tc.state, tc.plan, len(warnings))
			continue
		}
		if detail := warnings[0].Detail(); !strings.Contains(detail, tc.plan.ValueString()) ||
			!strings.Contains(detail, "unable to use the workspace") || !strings.Contains(detail, "remove access_expires_at") {
			t.Errorf("%s: the warning says %q; it should name the time, say the member cannot use the workspace, and what to do", tc.plan, detail)
		}
	}
}

func TestSameInstant(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"2030-06-01T02:00:00+02:00", "2030-06-01T00:00:00Z", true},
		{"2030-05-31T20:00:00-04:00", "2030-06-01T00:00:00+00:00", true},
		// The API keeps whole seconds.
		{"2030-06-01T00:00:00.750Z", "2030-06-01T00:00:00Z", true},
		{"2030-06-01T02:00:00+02:00", "2030-06-01T02:00:00Z", false},
		{"2030-06-01T00:00:01Z", "2030-06-01T00:00:00Z", false},
		{"soon", "soon", true},
		{"soon", "2030-06-01T00:00:00Z", false},
	} {
		if got := sameInstant(tc.a, tc.b); got != tc.same {
			t.Errorf("sameInstant(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

func TestSameAddresses(t *testing.T) {
	members := map[string]memberModel{
		"dup": {Email: types.StringValue("dup@example.com")}, "ada": {Email: types.StringValue("ada@example.com")},
		"Dup": {Email: types.StringValue("Dup@example.com")}, "DUP": {Email: types.StringValue("DUP@example.com")},
		"later": {Email: types.StringUnknown()},
	}
	got := sameAddresses(members)
	want := [][2]string{{"DUP", "Dup"}, {"DUP", "dup"}}
	if !slices.Equal(got, want) {
		t.Errorf("sameAddresses = %v, want %v", got, want)
	}
	delete(members, "Dup")
	delete(members, "DUP")
	if got := sameAddresses(members); len(got) != 0 {
		t.Errorf("distinct addresses paired: %v", got)
	}
}

// A state imported before import ids were checked can hold one member under two spellings; dropping
// one spelling from the configuration must forget that key, not remove the member who stays (bug 6).
func TestDeparturesForgetsSecondSpellingOfStayingMember(t *testing.T) {
	member := func(id int64, email string) memberModel {
		return memberModel{ID: types.Int64Value(id), Email: types.StringValue(email)}
	}
	prior := map[string]memberModel{
		"IMP@example.com":   member(7, "IMP@example.com"),
		"imp@example.com":   member(7, "imp@example.com"),
		"gone@example.com":  member(8, "gone@example.com"),
		"stale@example.com": member(9, "stale@example.com"),
	}
	planned := map[string]memberModel{"imp": member(0, "imp@example.com"), "stale": member(0, "stale@example.com")}
	leaving, forgotten := departures(prior, carriedOver(prior, planned))
	if !slices.Equal(leaving, []string{"gone@example.com"}) || len(forgotten) != 1 {
		t.Errorf("departures = leaving %v, forgotten %v; want [gone@example.com] and one spelling of imp", leaving, forgotten)
	}
}

// Members are matched by address, without regard to case or to labels.
func TestCarriedOver(t *testing.T) {
	member := func(email string) memberModel { return memberModel{Email: types.StringValue(email)} }
	prior := map[string]memberModel{
		"mixed.case@example.com": member("mixed.case@example.com"), "ada": member("ada@example.com"),
		"alan": member("alan@example.com"), "grace": member("grace@example.com"),
	}
	planned := map[string]memberModel{
		"mixed": member("Mixed.Case@example.com"), "ada": member("ada@example.com"),
		"alan": member("turing@example.com"), "hopper": member("grace@example.com"), "later": {Email: types.StringUnknown()},
	}
	got := carriedOver(prior, planned)
	want := map[string]string{"mixed": "mixed.case@example.com", "ada": "ada", "hopper": "grace"}
	if !maps.Equal(got, want) {
		t.Errorf("carriedOver = %v, want %v", got, want)
	}
}

func TestImportLabels(t *testing.T) {
	got := importLabels([]string{"Ada@Example.com", "ada@example-com", "007@example.com", "zoë@example.com", "ada_example.com@x.io"})
	want := map[string]string{
		"ada_example_com":        "Ada@Example.com",
		"ada_example_com_2":      "ada@example-com",
		"member_007_example_com": "007@example.com",
		"zo__example_com":        "zoë@example.com",
		"ada_example_com_x_io":   "ada_example.com@x.io",
	}
	if !maps.Equal(got, want) {
		t.Errorf("importLabels = %v, want %v", got, want)
	}
}

func (w *testWorkspace) expectAccessExpiration(t *testing.T, email, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := w.user(t, email).AccessExpirationDate
		if got == nil {
			return fmt.Errorf("the API has no access expiration for %s, want %s", email, want)
		}
		if *got != want {
			return fmt.Errorf("the API has the access of %s expire at %s, want %s", email, *got, want)
		}
		return nil
	}
}

func (w *testWorkspace) expectInvitationMails(email string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		n := 0
		for _, m := range w.mock.Mails(email) {
			if m.Kind == mockserver.MailInvitation {
				n++
			}
		}
		if n != want {
			return fmt.Errorf("%s received %d invitations, want %d", email, n, want)
		}
		return nil
	}
}
