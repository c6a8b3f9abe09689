package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

func TestAccRoleGroupResource_lifecycle(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(`
resource "synerise_role_group" "ops" {
  name = "Operations"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_role_group.ops", tfjsonpath.New("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("synerise_role_group.ops", tfjsonpath.New("name"), knownvalue.StringExact("Operations")),
					statecheck.ExpectKnownValue("synerise_role_group.ops", tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
			},
			{
				Config: w.config(`
resource "synerise_role_group" "ops" {
  name        = "Platform operations"
  description = "On-call engineers"
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_role_group.ops", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_role_group.ops", tfjsonpath.New("name"), knownvalue.StringExact("Platform operations")),
					statecheck.ExpectKnownValue("synerise_role_group.ops", tfjsonpath.New("description"), knownvalue.StringExact("On-call engineers")),
				},
			},
			{
				ResourceName:      "synerise_role_group.ops",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
	groups, err := w.client.ListRoleGroups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		if g.Name == "Platform operations" {
			t.Errorf("role group %d survived destroy", g.ID)
		}
	}
}

func TestAccRoleGroupResource_deletedOutsideTerraform(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(`
resource "synerise_role_group" "ops" {
  name = "Operations"
}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { w.deleteRoleGroupNamed(t, "Operations") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_role_group.ops", plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_role_group.ops", tfjsonpath.New("name"), knownvalue.StringExact("Operations")),
				},
			},
		},
	})
}

func TestAccRoleGroupResource_invalidInput(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(`resource "synerise_role_group" "bad" { name = "" }`),
				ExpectError: regexp.MustCompile(`Attribute name string length must be at least 1`),
			},
			{
				Config:      w.config(`resource "synerise_role_group" "bad" { name = " Operations" }`),
				ExpectError: regexp.MustCompile(`must not start or end with whitespace`),
			},
			{
				Config:        w.config(`resource "synerise_role_group" "imported" { name = "x" }`),
				ResourceName:  "synerise_role_group.imported",
				ImportState:   true,
				ImportStateId: "operations",
				ExpectError:   regexp.MustCompile(`Expected the numeric id of a role group`),
			},
			{
				Config:        w.config(`resource "synerise_role_group" "imported" { name = "x" }`),
				ResourceName:  "synerise_role_group.imported",
				ImportState:   true,
				ImportStateId: "424242",
				ExpectError:   regexp.MustCompile(`Cannot import role group 424242`),
			},
		},
	})
}

func (w *testWorkspace) deleteRoleGroupNamed(t *testing.T, name string) {
	t.Helper()
	groups, err := w.client.ListRoleGroups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		if g.Name != name {
			continue
		}
		for _, r := range g.Roles {
			if err := w.client.DeleteRole(context.Background(), r.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.client.DeleteRoleGroup(context.Background(), g.ID); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no role group named %q", name)
}

func (w *testWorkspace) roleNamed(t *testing.T, name string) iam.Role {
	t.Helper()
	roles, err := w.client.ListAvailableRoles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no role named %q", name)
	return iam.Role{}
}

// roleDeletedInTheApp deletes the role of that name, for inTheApp or testRemovedInTheApp.
func (w *testWorkspace) roleDeletedInTheApp(t *testing.T, name string) func(context.Context) error {
	return func(ctx context.Context) error { return w.client.DeleteRole(ctx, w.roleNamed(t, name).ID) }
}
