package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

const twoGroups = `
resource "synerise_role_group" "ops" {
  name = "Operations"
}

resource "synerise_role_group" "security" {
  name = "Security"
}
`

func TestAccRoleResource_lifecycle(t *testing.T) {
	w := newTestWorkspace(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(twoGroups + `
resource "synerise_role" "auditor" {
  group_id    = synerise_role_group.ops.id
  name        = "Auditor"
  description = "Reads everything, changes nothing"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_role.auditor", tfjsonpath.New("id")),
					statecheck.CompareValuePairs("synerise_role.auditor", tfjsonpath.New("group_id"),
						"synerise_role_group.ops", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("synerise_role.auditor", tfjsonpath.New("name"), knownvalue.StringExact("Auditor")),
				},
			},
			{
				// Moving a role to another group and renaming it is an update in place: the id stays.
				Config: w.config(twoGroups + `
resource "synerise_role" "auditor" {
  group_id = synerise_role_group.security.id
  name     = "Security auditor"
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_role.auditor", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue("synerise_role.auditor", tfjsonpath.New("id")),
					statecheck.CompareValuePairs("synerise_role.auditor", tfjsonpath.New("group_id"),
						"synerise_role_group.security", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("synerise_role.auditor", tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
			},
			{
				ResourceName:      "synerise_role.auditor",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
	roles, err := w.client.ListAvailableRoles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if r.Name == "Security auditor" {
			t.Errorf("role %d survived destroy", r.ID)
		}
	}
}

func TestAccRoleResource_deletedOutsideTerraform(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(twoGroups + `
resource "synerise_role" "auditor" {
  group_id = synerise_role_group.ops.id
  name     = "Auditor"
}`)
	testRemovedInTheApp(t, w, config, w.roleDeletedInTheApp(t, "Auditor"), nil,
		plancheck.ExpectResourceAction("synerise_role.auditor", plancheck.ResourceActionCreate),
		plancheck.ExpectResourceAction("synerise_role_group.ops", plancheck.ResourceActionNoop),
	)
}

func TestAccRoleResource_invalidInput(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(`resource "synerise_role" "bad" {
  group_id = 0
  name = "Auditor"
}`),
				ExpectError: regexp.MustCompile(`Attribute group_id value must be at least 1`),
			},
			{
				Config:      w.config(`resource "synerise_role" "bad" { name = "Auditor" }`),
				ExpectError: regexp.MustCompile(`The argument "group_id" is required`),
			},
			{
				// Only the API knows which groups exist: its 404 reaches the user with status and message.
				Config: w.config(`resource "synerise_role" "bad" {
  group_id = 424242
  name = "Auditor"
}`),
				ExpectError: regexp.MustCompile(`(?s)Cannot create role "Auditor".*404 Not Found.*424242`),
			},
		},
	})
}

// Should the role-group listing carry no roles, each role is read on its own: one listing, then one
// request per role, and the refresh still finds every role where it is.
func TestAccRoleResource_listingWithoutRoles(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Without: []mockserver.Assumption{mockserver.RolesInGroupListings}})
	config := w.config(twoGroups + `
resource "synerise_role" "auditor" {
  group_id    = synerise_role_group.ops.id
  name        = "Auditor"
  description = "Reads everything"
}

resource "synerise_role" "developer" {
  count    = 2
  group_id = synerise_role_group.security.id
  name     = "Developer ${count.index}"
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig:    w.mock.ResetCounts,
				RefreshState: true,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("synerise_role.auditor", "group_id", "synerise_role_group.ops", "id"),
					resource.TestCheckResourceAttr("synerise_role.auditor", "description", "Reads everything"),
					resource.TestCheckResourceAttrPair("synerise_role.developer.1", "group_id", "synerise_role_group.security", "id"),
					func(*terraform.State) error {
						return w.expectRequests(map[string]int{"GET /uauth/roles/listing": 1, "GET /uauth/roles/{roleId}": 3})
					},
				),
			},
			{ResourceName: "synerise_role.auditor", ImportState: true, ImportStateVerify: true},
			{
				// A role deleted outside Terraform is not found on its own either: the plan recreates it.
				PreConfig: w.inTheApp(t, w.roleDeletedInTheApp(t, "Developer 1")),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_role.developer[1]", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("synerise_role.auditor", plancheck.ResourceActionNoop),
					},
				},
			},
		},
	})
}
