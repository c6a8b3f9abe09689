package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// teamsOfRolesAndPeople is 3 role groups, 30 roles and 30 invitations, one role each.
const teamsOfRolesAndPeople = `
resource "synerise_role_group" "team" {
  count = 3
  name  = "Team ${count.index}"
}

resource "synerise_role" "member" {
  count    = 30
  group_id = synerise_role_group.team[count.index % 3].id
  name     = "Role ${count.index}"
}

resource "synerise_invitation" "person" {
  count    = 30
  email    = "person-${count.index}@example.com"
  role_ids = [synerise_role.member[count.index].id]
}
`

// A refresh of many roles, groups and members asks the API once per listing, not once per object:
// the provider shares one listing between the resources of a run.
func TestAccRefresh_sharesListings(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(teamsOfRolesAndPeople)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:    w.mock.ResetCounts,
				RefreshState: true,
				Check: func(*terraform.State) error {
					return w.expectRequests(map[string]int{
						"GET /uauth/roles/listing":  1,
						"GET /uauth/roles/{roleId}": 0,
						"GET /uauth/users/listing":  1,
						"GET /uauth/users/{userId}": 0,
					})
				},
			},
			{
				// A role deleted outside Terraform is missing from the shared listing: the plan recreates it.
				PreConfig: w.inTheApp(t, w.roleDeletedInTheApp(t, "Role 7")),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_role.member[7]", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("synerise_role.member[6]", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if dups := w.mock.Duplicates(); len(dups) > 0 {
						return fmt.Errorf("duplicates after recreating the role: %v", dups)
					}
					return nil
				},
			},
		},
	})
}
