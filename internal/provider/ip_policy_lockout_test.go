package provider

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// allowlist is a planned or prior synerise_ip_policy; a nil addresses leaves ip_policy unknown.
func allowlist(enabled, support bool, addresses ...string) map[string]attr.Value {
	values := map[string]attr.Value{"enabled": types.BoolValue(enabled), "enable_support_subnets": types.BoolValue(support)}
	if addresses != nil {
		values["ip_policy"] = stringSet(addresses)
	}
	return values
}

func declared(ranges ...string) declaredAddresses {
	var d declaredAddresses
	for _, r := range ranges {
		d.ranges = append(d.ranges, netip.MustParsePrefix(r))
	}
	return d
}

// The guard refuses the two lockouts, lets an acknowledged one through with a warning, warns where it
// cannot tell, and says nothing of a plan that leaves the allowlist as it is.
func TestGuardAgainstLockout(t *testing.T) {
	none := []string{}
	unknownEnabled := allowlist(true, false, none...)
	delete(unknownEnabled, "enabled")
	cases := []struct {
		name string
		plan plannedSettings
		// want is the severity and the summary, or its beginning ("error: The IP …"); "" for no diagnostic.
		want string
	}{
		{"on, empty, no support subnets", plannedSettings{planned: allowlist(true, false, none...)}, "error: The IP allowlist would let nobody in"},
		{"acknowledged", plannedSettings{planned: allowlist(true, false, none...), acknowledged: true}, "warning: The IP allowlist would let nobody in (acknowledged)"},
		{"on, empty, support subnets", plannedSettings{planned: allowlist(true, true, none...)}, "warning: The IP allowlist lets no user in"},
		{"off and empty", plannedSettings{planned: allowlist(false, false, none...)}, ""},
		{"on with an address", plannedSettings{planned: allowlist(true, false, "203.0.113.7")}, ""},
		{"addresses unknown", plannedSettings{planned: allowlist(true, false)}, "warning: Cannot check"},
		{"enabled unknown", plannedSettings{planned: unknownEnabled}, "warning: Cannot check"},
		{"CI address covered", plannedSettings{planned: allowlist(true, false, "203.0.113.7", "198.51.100.9"), applyFrom: declared("198.51.100.9/32")}, ""},
		{"CI address left out", plannedSettings{planned: allowlist(true, false, "203.0.113.7"), applyFrom: declared("198.51.100.9/32", "203.0.113.7/32")}, "error: The IP allowlist would lock Terraform out"},
		{"CI address left out, acknowledged", plannedSettings{planned: allowlist(true, false, "203.0.113.7"), applyFrom: declared("198.51.100.9/32"), acknowledged: true}, "warning: The IP allowlist would lock Terraform out (acknowledged)"},
		{"CI address left out of an allowlist off", plannedSettings{planned: allowlist(false, false, "203.0.113.7"), applyFrom: declared("198.51.100.9/32")}, ""},
		{"CI addresses unknown", plannedSettings{planned: allowlist(true, false, "203.0.113.7"), applyFrom: declaredAddresses{unknown: true}}, "warning: Cannot check"},
		{"unchanged lockout", plannedSettings{planned: allowlist(true, false, "203.0.113.7"), prior: allowlist(true, false, "203.0.113.7"), applyFrom: declared("198.51.100.9/32")}, ""},
		{"changed lockout", plannedSettings{planned: allowlist(true, false, "203.0.113.7"), prior: allowlist(false, false, "203.0.113.7"), applyFrom: declared("198.51.100.9/32")}, "error: The IP allowlist would lock Terraform out"},
	}
	for _, c := range cases {
		var diags diag.Diagnostics
		guardAgainstLockout(c.plan, &diags)
		if got := describeDiagnostics(diags); !strings.Contains(got, c.want) || (c.want == "") != (got == "") || len(diags) > 1 {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func describeDiagnostics(diags diag.Diagnostics) string {
	var parts []string
	for _, d := range diags {
		parts = append(parts, fmt.Sprintf("%s: %s", strings.ToLower(d.Severity().String()), d.Summary()))
	}
	return strings.Join(parts, "; ")
}

// ipPolicyConfig is a provider block with apply_from_addresses (none when applyFrom is empty) and a
// synerise_ip_policy with body.
func ipPolicyConfig(w *testWorkspace, applyFrom, body string) string {
	provider := fmt.Sprintf("provider \"synerise\" {\n  api_url   = %q\n  api_token = %q\n", w.url, testToken)
	if applyFrom != "" {
		provider += "  apply_from_addresses = " + applyFrom + "\n"
	}
	return provider + "}\n\nresource \"synerise_ip_policy\" \"this\" {\n" + body + "\n}\n"
}

// An allowlist switched on with no address and the support subnets off is refused at plan time, and
// applied once acknowledged.
func TestAccIPPolicy_lockoutOfEveryone(t *testing.T) {
	w := newTestWorkspace(t)
	spec := specOf(t, NewIPPolicyResource)
	locked := "enabled = true\nenable_support_subnets = false\nip_policy = []"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: ipPolicyConfig(w, "", locked), ExpectError: wrappedError(`(?s)The IP allowlist would let nobody in.*set lockout_acknowledged = true`)},
			{
				Config: ipPolicyConfig(w, "", locked+"\nlockout_acknowledged = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("synerise_ip_policy.this", tfjsonpath.New("lockout_acknowledged"), knownvalue.Bool(true)),
				}},
				Check: w.expectSettings(spec, map[string]any{"enabled": true, "enableSupportSubnets": false, "ipPolicy": []string{}}),
			},
		},
	})
}

// An allowlist that leaves out an address of apply_from_addresses is refused at plan time, whether it
// is switched on or changed while on; one that covers them all, one switched off and an acknowledged
// one are applied.
func TestAccIPPolicy_lockoutOfTerraform(t *testing.T) {
	w := newTestWorkspace(t)
	spec := specOf(t, NewIPPolicyResource)
	applyFrom := `["198.51.100.9", "203.0.113.0/31"]`
	policy := func(enabled bool, addresses string) string {
		return fmt.Sprintf("enabled = %v\nip_policy = [%s]", enabled, addresses)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: ipPolicyConfig(w, `["10.0.0.5/24"]`, policy(false, "")), ExpectError: wrappedError(`write 10.0.0.0/24 for the range, or 10.0.0.5 for the one address`)},
			{Config: ipPolicyConfig(w, applyFrom, policy(false, `"192.0.2.1"`))},
			{Config: ipPolicyConfig(w, applyFrom, policy(true, `"192.0.2.1", "203.0.113.0", "203.0.113.1"`)),
				ExpectError: wrappedError(`(?s)The IP allowlist would lock Terraform out.*does not let in 198.51.100.9, which the provider's apply_from_addresses declares`)},
			{
				Config: ipPolicyConfig(w, applyFrom, policy(true, `"192.0.2.1", "198.51.100.9", "203.0.113.0", "203.0.113.1"`)),
				Check:  w.expectSettings(spec, map[string]any{"enabled": true, "ipPolicy": []string{"192.0.2.1", "198.51.100.9", "203.0.113.0", "203.0.113.1"}}),
			},
			{Config: ipPolicyConfig(w, applyFrom, policy(true, `"198.51.100.9", "203.0.113.0"`)),
				ExpectError: wrappedError(`does not let in 203.0.113.0/31, which`)},
			{
				Config: ipPolicyConfig(w, applyFrom, policy(true, `"198.51.100.9", "203.0.113.0"`)+"\nlockout_acknowledged = true"),
				Check:  w.expectSettings(spec, map[string]any{"ipPolicy": []string{"198.51.100.9", "203.0.113.0"}}),
			},
		},
	})
}

// Where the allowlist is known only after apply, the plan cannot tell, so it goes through (with a
// warning); the apply, which plans again with the values known, refuses a lockout then, and applies an
// allowlist that turns out to let Terraform in.
func TestAccIPPolicy_lockoutUnknownAtPlan(t *testing.T) {
	w := newTestWorkspace(t)
	spec := specOf(t, NewIPPolicyResource)
	config := func(addresses string) string {
		return ipPolicyConfig(w, `["198.51.100.9"]`, "enabled = true\nip_policy = terraform_data.addresses.output") +
			fmt.Sprintf("\nresource \"terraform_data\" \"addresses\" {\n  input = [%s]\n}\n", addresses)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(`"192.0.2.1"`), PlanOnly: true, ExpectNonEmptyPlan: true},
			{Config: config(`"192.0.2.1"`), ExpectError: wrappedError(`(?s)Error: The IP allowlist would lock Terraform out.*does not let in 198.51.100.9`)},
			{
				Config: config(`"192.0.2.1", "198.51.100.9"`),
				Check:  w.expectSettings(spec, map[string]any{"enabled": true, "ipPolicy": []string{"192.0.2.1", "198.51.100.9"}}),
			},
		},
	})
}

// provider::synerise::ip_allowlist_covers answers in outputs and check blocks, stops a precondition that
// fails, and names a malformed argument.
func TestAccIPAllowlistCoversFunction(t *testing.T) {
	w := newTestWorkspace(t)
	config := func(ciAddress string) string {
		return ipPolicyConfig(w, "", `enabled   = true
ip_policy = local.allowlist
lifecycle {
  precondition {
    condition     = provider::synerise::ip_allowlist_covers(local.allowlist, local.ci_address)
    error_message = "The allowlist leaves out the CI runner's address ${local.ci_address}."
  }
}`) + fmt.Sprintf(`
locals {
  allowlist  = ["203.0.113.7", "198.51.100.0", "198.51.100.1"]
  ci_address = %q
}

check "ci_can_apply" {
  assert {
    condition     = provider::synerise::ip_allowlist_covers(synerise_ip_policy.this.ip_policy, local.ci_address)
    error_message = "The allowlist in force leaves out the CI runner's address."
  }
}

output "covers_range" {
  value = provider::synerise::ip_allowlist_covers(synerise_ip_policy.this.ip_policy, "198.51.100.0/31")
}

output "covers_ipv6" {
  value = provider::synerise::ip_allowlist_covers(["2001:db8::/32"], "2001:db8:1::1")
}

output "covers_outside" {
  value = provider::synerise::ip_allowlist_covers(synerise_ip_policy.this.ip_policy, "198.51.100.2")
}
`, ciAddress)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{Config: config("192.0.2.1"), ExpectError: wrappedError(`The allowlist leaves out the CI runner's address 192.0.2.1`)},
			{Config: config("198.51.100.0/33"), ExpectError: wrappedError(`Invalid address: "198.51.100.0/33" is not a CIDR range`)},
			{
				Config: config("203.0.113.7"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("covers_range", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("covers_ipv6", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("covers_outside", knownvalue.Bool(false)),
				},
			},
		},
	})
}
