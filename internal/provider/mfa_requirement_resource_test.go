package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func TestAccMFARequirementResource(t *testing.T) {
	w := newTestWorkspace(t)
	mfa := func(enabled bool) string {
		return w.config(fmt.Sprintf("resource \"synerise_mfa_requirement\" \"this\" {\n  enabled = %t\n}", enabled))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		CheckDestroy:             w.expectMFARequired(false),
		Steps: []resource.TestStep{
			{
				ResourceName: "synerise_mfa_requirement.this", ImportState: true, ImportStateId: "on",
				Config:      mfa(true),
				ExpectError: wrappedError(`"enabled" or "disabled", not "on"`),
			},
			{Config: mfa(true), Check: w.expectMFARequired(true)},
			{
				Config: mfa(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_mfa_requirement.this", plancheck.ResourceActionUpdate)},
				},
				Check: w.expectMFARequired(false),
			},
			{ResourceName: "synerise_mfa_requirement.this", ImportState: true, ImportStateId: "disabled", ImportStateVerify: true},
			{
				// Re-asserting by replacement writes the configured value again.
				Config: mfa(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_mfa_requirement.this", plancheck.ResourceActionUpdate)},
				},
				Check: w.expectMFARequired(true),
			},
		},
	})
}

func (w *testWorkspace) expectMFARequired(want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := w.mock.Snapshot().MFARequired; got != want {
			return fmt.Errorf("the workspace requires MFA: %t, want %t", got, want)
		}
		return nil
	}
}
