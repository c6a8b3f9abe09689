package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const auditorRole = `
resource "synerise_role_group" "security" {
  name = "Security"
}

resource "synerise_role" "auditor" {
  group_id = synerise_role_group.security.id
  name     = "Auditor"
}
`

// auditorPII is auditorRole with its synerise_role_pii, pii_access set to piiAccess unless empty.
func auditorPII(piiAccess string) string {
	if piiAccess == "" {
		return auditorRole + `
resource "synerise_role_pii" "auditor" {
  role_id = synerise_role.auditor.id
}`
	}
	return auditorRole + fmt.Sprintf(`
resource "synerise_role_pii" "auditor" {
  role_id    = synerise_role.auditor.id
  pii_access = %s
}`, piiAccess)
}

func TestAccRolePIIResource_lifecycle(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(auditorPII("")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_role_pii.auditor", tfjsonpath.New("pii_access"), knownvalue.Bool(true)),
				},
				Check: w.expectPIIAccess(t, "Auditor", true),
			},
			{
				Config: w.config(auditorPII("false")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_role_pii.auditor", plancheck.ResourceActionUpdate),
					},
				},
				Check: w.expectPIIAccess(t, "Auditor", false),
			},
			{
				ResourceName:                         "synerise_role_pii.auditor",
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "role_id",
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return s.RootModule().Resources["synerise_role_pii.auditor"].Primary.Attributes["role_id"], nil
				},
			},
			piiGrantedInTheAppStep(t, w),
			{
				Config: w.config(auditorPII("")),
				Check:  w.expectPIIAccess(t, "Auditor", true),
			},
			{
				// Removing the resource withdraws the access and leaves the role in place.
				Config: w.config(auditorRole),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("synerise_role_pii.auditor", plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction("synerise_role.auditor", plancheck.ResourceActionNoop),
					},
				},
				Check: w.expectPIIAccess(t, "Auditor", false),
			},
		},
	})
}

// piiGrantedInTheAppStep grants the auditor PII access in the app, which the plan undoes.
func piiGrantedInTheAppStep(t *testing.T, w *testWorkspace) resource.TestStep {
	return resource.TestStep{
		// Drift: access granted outside Terraform shows as an update back to the configuration.
		PreConfig: w.inTheApp(t, func(ctx context.Context) error {
			_, err := w.client.SetRolePII(ctx, w.roleNamed(t, "Auditor").ID, true)
			return err
		}),
		Config: w.config(auditorPII("false")),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("synerise_role_pii.auditor", plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue("synerise_role_pii.auditor", tfjsonpath.New("pii_access"), knownvalue.Bool(false)),
			},
		},
		Check: w.expectPIIAccess(t, "Auditor", false),
	}
}

func TestAccRolePIIResource_roleDeletedOutsideTerraform(t *testing.T) {
	w := newTestWorkspace(t)
	config := w.config(auditorPII(""))
	testRemovedInTheApp(t, w, config, w.roleDeletedInTheApp(t, "Auditor"), w.expectPIIAccess(t, "Auditor", true),
		plancheck.ExpectResourceAction("synerise_role.auditor", plancheck.ResourceActionCreate),
		plancheck.ExpectResourceAction("synerise_role_pii.auditor", plancheck.ResourceActionCreate),
	)
}

func TestAccRolePIIResource_invalidInput(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(`resource "synerise_role_pii" "x" { role_id = -1 }`),
				ExpectError: regexp.MustCompile(`Attribute role_id value must be at least 1`),
			},
			{
				Config:      w.config(`resource "synerise_role_pii" "x" { role_id = 424242 }`),
				ExpectError: regexp.MustCompile(`(?s)Cannot set the PII access of role 424242.*404 Not Found`),
			},
		},
	})
}

// expectPIIAccess checks the API's own answer, not Terraform's state.
func (w *testWorkspace) expectPIIAccess(t *testing.T, roleName string, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		pii, err := w.client.GetRolePII(context.Background(), w.roleNamed(t, roleName).ID)
		if err != nil {
			return err
		}
		if pii.PIIAccess != want {
			return fmt.Errorf("PII access of %s is %t in the API, want %t", roleName, pii.PIIAccess, want)
		}
		return nil
	}
}
