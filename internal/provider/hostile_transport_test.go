package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// The tests of this file reproduce, with faults the mock injects by script, the transport bugs of
// issue 14 that hostile testing found; each says which one.

// hostileProvider is a provider block for a scripted mock: short timeouts and waits, so that a run
// that meets every fault still ends within seconds.
func hostileProvider(w *testWorkspace, settings string) string {
	return fmt.Sprintf(`
provider "synerise" {
  api_url        = %q
  api_token      = %q
  max_retry_wait = "100ms"
  %s
}
`, w.url, testToken, settings)
}

const passwordPolicyRead = "GET /uauth/settings/password-policy"

// Bug 1: a single request that never answers kept the apply at "Still creating..." for ever, since
// nothing bounded an attempt and so no retry ever started. With request_timeout each hung attempt
// ends after a second and is retried like a 503.
func TestAccHostile_hungRequestIsRetriedAfterTheRequestTimeout(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		passwordPolicyRead: {mockserver.FaultHang, mockserver.FaultHang},
	}}})
	// Timed from the first step: ParallelTest waits for the serial tests first.
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { start = time.Now() },
				Config: hostileProvider(w, `request_timeout = "1s"`) + `
resource "synerise_password_policy" "this" {
  min_length = 14
}`,
				Check: func(*terraform.State) error {
					if faults := w.mock.FaultCounts()[passwordPolicyRead]; faults != 2 {
						return fmt.Errorf("%d requests hung, want 2", faults)
					}
					policy, err := w.client.ReadSettings(context.Background(), "/uauth/settings/password-policy")
					if err != nil {
						return err
					}
					if minLength := fmt.Sprint(policy["minLength"]); minLength != "14" {
						return fmt.Errorf("min length %s after the apply, want 14", minLength)
					}
					return nil
				},
			},
		},
	})
	if elapsed := time.Since(start); elapsed > 30*time.Second {
		t.Errorf("the run took %s", elapsed)
	}
}

// Bug 1, when the API never answers: every attempt ends after request_timeout, and the error says
// so, how many attempts were made, and what to change.
func TestAccHostile_requestThatHangsOnEveryAttemptFailsClearly(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		passwordPolicyRead: {mockserver.FaultHang, mockserver.FaultHang},
	}}})
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { start = time.Now() },
				Config: hostileProvider(w, "request_timeout = \"1s\"\n  max_retries     = 1") + `
resource "synerise_password_policy" "this" {
  min_length = 14
}`,
				ExpectError: wrappedError(`GET /uauth/settings/password-policy: timed out after 1s per attempt; 2 attempts were made(?s).*raise request_timeout in the provider block`),
			},
		},
	})
	if elapsed := time.Since(start); elapsed > 30*time.Second {
		t.Errorf("the run took %s", elapsed)
	}
}

// Bug 4: two roles of one name in one group. The second create met a 503, and the lookup that
// followed took the first role for it: both resources held one id, the apply failed with an
// inconsistent description, and the next apply's replacement deleted the first role. Only a role
// that was not there before the create may be adopted.
func TestAccHostile_createDoesNotAdoptAnExistingObjectOfTheSameName(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		"POST /uauth/roles/role": {"", mockserver.FaultUnavailable},
	}}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: hostileProvider(w, "") + `
resource "synerise_role_group" "team" {
  name = "Team"
}

resource "synerise_role" "first" {
  group_id    = synerise_role_group.team.id
  name        = "Same"
  description = "first"
}

# Created after the first, so that the 503 meets the second create.
resource "synerise_role" "second" {
  group_id    = synerise_role_group.team.id
  name        = "Same"
  description = "second"
  depends_on  = [synerise_role.first]
}`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("synerise_role.first", tfjsonpath.New("id"),
						"synerise_role.second", tfjsonpath.New("id"), compare.ValuesDiffer()),
				},
				Check: w.expectRoles("Same", "first", "second"),
			},
		},
	})
}

// lostRoleFaults lose the answer of the first role create, then answer 503 to the next outage
// requests: the lookup that follows the lost answer meets the outage.
func lostRoleFaults(outage int) mockserver.Options {
	return mockserver.Options{Faults: mockserver.Faults{
		Script:                map[string][]string{"POST /uauth/roles/role": {mockserver.FaultDropAfterCommit}},
		OutageAfterLostAnswer: outage,
	}}
}

const lostRole = `
resource "synerise_role_group" "team" {
  name = "Team"
}

resource "synerise_role" "lost" {
  group_id = synerise_role_group.team.id
  name     = "Lost"
}`

// Bug 5: an outage swallowed a processed create and failed the lookup that followed, and the apply
// gave up; a plain re-apply then created the role again. A lookup that fails is tried again within
// the retry budget, so an outage shorter than that budget ends in adoption. With max_retries = 2 one
// lookup is 3 requests: the outage fails the first lookup whole.
func TestAccHostile_lookupAfterALostAnswerOutlastsAShortOutage(t *testing.T) {
	w := newTestWorkspaceWith(t, lostRoleFaults(3))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: hostileProvider(w, "max_retries = 2") + lostRole,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: w.expectRoles("Lost", ""),
			},
		},
	})
}

// Bug 5, when the outage outlasts the lookup's budget (3 lookups of 3 requests with max_retries = 2):
// the error says that the role may have been created and how to bring it under Terraform, and doing
// so leaves one role, not two.
func TestAccHostile_createWhoseOutcomeStaysUnknownSaysHowToImportIt(t *testing.T) {
	w := newTestWorkspaceWith(t, lostRoleFaults(9))
	config := hostileProvider(w, "max_retries = 2") + lostRole
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: wrappedError(`role "Lost" in group [0-9]+ may have been created(?s).*` +
					`find its id with data\.synerise_role.*terraform import synerise_role\.<name> <id>`),
			},
			{
				// What the error says to do: find the role's id and import it.
				Config:             config,
				ResourceName:       "synerise_role.lost",
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					id, err := w.roleID("Lost")
					return strconv.FormatInt(id, 10), err
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_role.lost", plancheck.ResourceActionNoop)},
				},
				Check: w.expectRoles("Lost", ""),
			},
		},
	})
}

// expectRoles checks that the roles named name have exactly the descriptions given, one role each.
func (w *testWorkspace) expectRoles(name string, descriptions ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		roles, err := w.client.ListAvailableRoles(context.Background())
		if err != nil {
			return err
		}
		var got []string
		for _, r := range roles {
			if r.Name == name {
				got = append(got, r.Description)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, descriptions) {
			return fmt.Errorf("roles named %s have the descriptions %q, want %q", name, got, descriptions)
		}
		return nil
	}
}

// roleID finds the id of the one role named name.
func (w *testWorkspace) roleID(name string) (int64, error) {
	roles, err := w.client.ListAvailableRoles(context.Background())
	if err != nil {
		return 0, err
	}
	i := slices.IndexFunc(roles, func(r iam.Role) bool { return r.Name == name })
	if i < 0 {
		return 0, fmt.Errorf("no role is named %s", name)
	}
	return roles[i].ID, nil
}
