package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// rolesWithASharedName has two roles named "Auditor" in different groups, and one "Developer".
const rolesWithASharedName = twoGroups + `
resource "synerise_role" "ops_auditor" {
  group_id = synerise_role_group.ops.id
  name     = "Auditor"
}

resource "synerise_role" "security_auditor" {
  group_id = synerise_role_group.security.id
  name     = "Auditor"
}

resource "synerise_role" "developer" {
  group_id    = synerise_role_group.ops.id
  name        = "Developer"
  description = "Builds integrations"
}
`

func TestAccAvailableRolesDataSource(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(rolesWithASharedName + `
data "synerise_available_roles" "all" {
  depends_on = [synerise_role.ops_auditor, synerise_role.security_auditor, synerise_role.developer]
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(
						"data.synerise_available_roles.all", tfjsonpath.New("ids_by_name").AtMapKey("Developer"),
						"synerise_role.developer", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.synerise_available_roles.all", tfjsonpath.New("ambiguous_names"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("Auditor")})),
					statecheck.ExpectKnownValue("data.synerise_available_roles.all", tfjsonpath.New("roles"),
						knownvalue.SetPartial([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"name":        knownvalue.StringExact("Developer"),
								"description": knownvalue.StringExact("Builds integrations"),
							}),
						})),
				},
			},
		},
	})
}

func TestAccRoleDataSource(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: w.config(rolesWithASharedName)},
			// Lookups that fail come first: the destroy at the end uses the last configuration.
			{
				Config:      w.config(rolesWithASharedName + `data "synerise_role" "x" { name = "Auditor" }`),
				ExpectError: regexp.MustCompile(`(?s)Several roles match.*2 roles are named "Auditor".*Set group_id`),
			},
			{
				Config:      w.config(rolesWithASharedName + `data "synerise_role" "x" { name = "Nobody" }`),
				ExpectError: regexp.MustCompile(`(?s)No such role.*No role is named "Nobody"`),
			},
			{
				Config:      w.config(rolesWithASharedName + `data "synerise_role" "x" { id = 424242 }`),
				ExpectError: regexp.MustCompile(`(?s)Cannot read role 424242.*404 Not Found`),
			},
			{
				Config:      w.config(rolesWithASharedName + `data "synerise_role" "x" {}`),
				ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured: \[id,name\]`),
			},
			{
				Config: w.config(rolesWithASharedName + `
data "synerise_role" "developer" {
  name = "Developer"
}

data "synerise_role" "security_auditor" {
  name     = "Auditor"
  group_id = synerise_role_group.security.id
}

data "synerise_role" "by_id" {
  id = synerise_role.ops_auditor.id
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.synerise_role.developer", tfjsonpath.New("id"),
						"synerise_role.developer", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.synerise_role.developer", tfjsonpath.New("description"),
						knownvalue.StringExact("Builds integrations")),
					statecheck.CompareValuePairs("data.synerise_role.security_auditor", tfjsonpath.New("id"),
						"synerise_role.security_auditor", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.synerise_role.by_id", tfjsonpath.New("group_id"),
						"synerise_role_group.ops", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.synerise_role.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Auditor")),
				},
			},
		},
	})
}

func TestAccRoleGroupsDataSource(t *testing.T) {
	for name, opts := range map[string]mockserver.Options{
		"listed with roles": {},
		// Should the listing carry no roles, each role is read on its own and put in its group.
		"listed without roles": {Without: []mockserver.Assumption{mockserver.RolesInGroupListings}},
	} {
		t.Run(name, func(t *testing.T) { testRoleGroupsDataSource(t, newTestWorkspaceWith(t, opts)) })
	}
}

func testRoleGroupsDataSource(t *testing.T, w *testWorkspace) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(rolesWithASharedName + `
data "synerise_role_groups" "all" {
  depends_on = [synerise_role.ops_auditor, synerise_role.security_auditor, synerise_role.developer]
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.synerise_role_groups.all", tfjsonpath.New("groups"),
						knownvalue.SetPartial([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"name": knownvalue.StringExact("Operations"),
								"roles": knownvalue.SetExact([]knownvalue.Check{
									knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Auditor")}),
									knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Developer")}),
								}),
							}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"name": knownvalue.StringExact("Security"),
								"roles": knownvalue.ListExact([]knownvalue.Check{
									knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Auditor")}),
								}),
							}),
						})),
				},
			},
		},
	})
}
