package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccRolePermissionsDataSource(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(auditorRole + `
data "synerise_role_permissions" "auditor" {
  role_id = synerise_role.auditor.id
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					// A new role has every permission available and none granted.
					statecheck.ExpectKnownValue("data.synerise_role_permissions.auditor", tfjsonpath.New("granted").AtMapKey("settings_users"),
						knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue("data.synerise_role_permissions.auditor", tfjsonpath.New("permissions"),
						knownvalue.SetPartial([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"key":               knownvalue.StringExact("settings_users"),
								"available_actions": knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact("read")}),
								"granted_actions":   knownvalue.SetExact([]knownvalue.Check{}),
								"group_path":        knownvalue.NotNull(),
							}),
						})),
				},
			},
		},
	})
}
