package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// expectMFA checks whether a member has multi-factor authentication set up.
func (w *testWorkspace) expectMFA(id int64, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		enabled, err := w.mock.MFAEnabled(id)
		if err != nil {
			return err
		}
		if enabled != want {
			return fmt.Errorf("user %d has MFA enabled: %t, want %t", id, enabled, want)
		}
		return nil
	}
}

func TestAccUserMFAResetAction_triggeredOnCreate(t *testing.T) {
	w := newTestWorkspace(t)
	lost := w.mock.AddMember("grace@example.com")
	other := w.mock.AddMember("alan@example.com")
	for _, id := range []int64{lost, other} {
		if err := w.mock.EnableMFA(id); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config: w.config(resetOnCreate("synerise_user_mfa_reset", fmt.Sprint(lost))),
				Check:  resource.ComposeTestCheckFunc(w.expectMFA(lost, false), w.expectMFA(other, true)),
			},
		},
	})
}

func TestAccUserMFAResetAction_invalidInput(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   actionsNeedTerraform1_14,
		Steps: []resource.TestStep{
			{
				Config:      w.config(resetOnCreate("synerise_user_mfa_reset", "-5")),
				ExpectError: wrappedError(`Attribute user_id value must be at least 1, got: -5`),
			},
			{
				// A lookup that finds nobody yields null once the data source is read, after Terraform
				// validated the configuration, so the check for a required argument let it through.
				Config: w.config(`data "synerise_users" "all" {}` + resetOnCreate("synerise_user_mfa_reset",
					`one([for u in data.synerise_users.all.users : u.id if u.email == "nobody@example.com"])`)),
				ExpectError: wrappedError(`Cannot reset the multi-factor authentication: no user_id(?s).*user_id is null`),
			},
			{
				Config:      w.config(resetOnCreate("synerise_user_mfa_reset", "4242")),
				ExpectError: wrappedError(`Cannot reset the multi-factor authentication of user 4242(?s).*The workspace has no user 4242`),
			},
		},
	})
}
