package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// One configuration creates a group and a role, grants the role PII access, looks it up by name both
// ways, reads its permissions, and plans clean afterwards.
func TestAccAccessGroups_endToEnd(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(auditorRole + `
resource "synerise_role_pii" "auditor" {
  role_id = synerise_role.auditor.id
}

data "synerise_available_roles" "all" {
  depends_on = [synerise_role.auditor]
}

data "synerise_role" "auditor" {
  name       = "Auditor"
  depends_on = [synerise_role.auditor]
}

data "synerise_role_permissions" "auditor" {
  role_id = data.synerise_available_roles.all.ids_by_name["Auditor"]
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.synerise_available_roles.all", tfjsonpath.New("ids_by_name").AtMapKey("Auditor"),
						"synerise_role.auditor", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.synerise_role.auditor", tfjsonpath.New("id"),
						"synerise_role.auditor", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.synerise_role_permissions.auditor", tfjsonpath.New("role_id"),
						"synerise_role.auditor", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("synerise_role_pii.auditor", tfjsonpath.New("pii_access"), knownvalue.Bool(true)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
