package provider

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// ipv4Address matches a dotted-quad IPv4 address. The reference says the allowlist holds IPv4
// addresses, so ranges and IPv6 are refused at plan time rather than guessed at.
var ipv4Address = regexp.MustCompile(`^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$`)

// lockoutAcknowledged is the argument that overrides the lockout guard.
const lockoutAcknowledged = "lockout_acknowledged"

// NewIPPolicyResource is the factory of synerise_ip_policy.
func NewIPPolicyResource() resource.Resource {
	spec := newSettingsSpec(settings.IPPolicy,
		"The IP allowlist of the workspace: when enabled, users may use the workspace only from the listed addresses.\n\n"+
			"An allowlist can lock everyone out, Terraform included, and then no apply can undo it. So a plan that leaves "+
			"the allowlist in force (`enabled = true`) fails when:\n\n"+
			"- `ip_policy` is empty and `enable_support_subnets` is false: no address could reach the workspace;\n"+
			"- `ip_policy` leaves out any of the addresses that the provider argument `apply_from_addresses` declares as "+
			"the ones Terraform reaches the API from (your CI runners'): the next plan and apply would be refused.\n\n"+
			"The check runs on every plan that creates the resource or changes the allowlist. Where a value is known only "+
			"after apply, the plan warns instead, and the apply, which plans again with the values known, fails before "+
			"writing an allowlist that would lock out. If the lockout is what you mean, set `"+lockoutAcknowledged+" = true`: "+
			"the plan then only warns, and since the argument shows in the plan, reviewers see the override (the access "+
			"review and the Rego policies flag it too, as rule `ip-allowlist-lockout`). `provider::synerise::ip_allowlist_covers` "+
			"makes the same test in `check` and `precondition` blocks.",
		map[string]fieldTerraform{
			"enabled": described("Whether the allowlist is in force. Keep the addresses you and CI work from in `ip_policy` before " +
				"enabling it: a plan that would lock everyone out, or the addresses in the provider's `apply_from_addresses`, fails."),
			"enable_support_subnets": described("Whether the addresses Synerise uses for service work are allowed too."),
			"ip_policy": {
				description: "The allowed IPv4 addresses, such as `203.0.113.7`. The API reference speaks of addresses only, " +
					"so ranges (CIDR) are refused at plan time. Order does not matter.",
				setRules: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(ipv4Address, "must be an IPv4 address such as 203.0.113.7"))}},
		})
	spec.acknowledgement = &settingAcknowledgement{attr: lockoutAcknowledged,
		description: "Set to `true` to apply an allowlist that the lockout guard refuses (see above), once you are sure " +
			"that it is what you mean: the plan then warns instead of failing. The API never sees this argument; it " +
			"stays in the configuration and the plan so that reviewers see the override. Remove it once the change is applied."}
	spec.guard = guardAgainstLockout
	return &settingsResource{spec: spec}
}

// lockout is one way a planned allowlist would shut people out.
type lockout struct {
	attribute string
	summary   string
	detail    string
}

// guardAgainstLockout refuses a plan that writes an allowlist in force that lets nobody in, or leaves
// out an address the provider declares Terraform applies from, unless lockout_acknowledged is set;
// where a value it needs is known only after apply, it warns. A plan that leaves the allowlist as it
// is passes: it changes nobody's access.
func guardAgainstLockout(plan plannedSettings, diags *diag.Diagnostics) {
	if !writesAllowlist(plan) {
		return
	}
	enabled, enabledKnown := plan.planned["enabled"].(types.Bool)
	if enabledKnown && !enabled.ValueBool() {
		return
	}
	lockouts, doubts := allowlistLockouts(plan, diags)
	if !enabledKnown {
		for _, l := range lockouts {
			doubts = append(doubts, "`enabled` is known only after apply; if it is true: "+l.summary)
		}
		lockouts = nil
	}
	if len(doubts) > 0 {
		diags.AddWarning("Cannot check the IP allowlist for a lockout",
			"The provider checks that an allowlist in force lets Terraform in, but here "+strings.Join(doubts, "; ")+
				". The apply checks again once the values are known, and fails before writing the allowlist if it "+
				"would lock out; acknowledge that with "+lockoutAcknowledged+" = true only if you mean it.")
	}
	for _, l := range lockouts {
		if plan.acknowledged {
			diags.AddAttributeWarning(path.Root(l.attribute), l.summary+" (acknowledged)",
				l.detail+"\n\n"+lockoutAcknowledged+" = true lets this plan through.")
			continue
		}
		diags.AddAttributeError(path.Root(l.attribute), l.summary,
			l.detail+"\n\nIf this is what you mean, set "+lockoutAcknowledged+" = true on the resource and plan again: the plan "+
				"shows the override, so reviewers see it.")
	}
}

// writesAllowlist reports whether the plan creates the allowlist or may change it.
func writesAllowlist(plan plannedSettings) bool {
	if plan.prior == nil {
		return true
	}
	for _, field := range []string{"enabled", "enable_support_subnets", "ip_policy"} {
		planned, known := plan.planned[field]
		if !known || !planned.Equal(plan.prior[field]) {
			return true
		}
	}
	return false
}

// allowlistLockouts finds how an allowlist in force would shut people out, and what it cannot check
// because a value is known only after apply.
func allowlistLockouts(plan plannedSettings, diags *diag.Diagnostics) (lockouts []lockout, doubts []string) {
	entries, known := plan.planned["ip_policy"].(types.Set)
	allowed, complete := allowedRanges(entries)
	if !known || !complete {
		return nil, []string{"`ip_policy` is known only after apply (a resource being created that leaves it out adopts the workspace's list)"}
	}
	if len(allowed) == 0 {
		support, supportKnown := plan.planned["enable_support_subnets"].(types.Bool)
		switch {
		case !supportKnown:
			doubts = append(doubts, "`ip_policy` is empty and `enable_support_subnets` is known only after apply")
		case !support.ValueBool():
			return []lockout{{attribute: "ip_policy", summary: "The IP allowlist would let nobody in",
				detail: "This plan leaves the IP allowlist in force (enabled = true) with no address in ip_policy and " +
					"enable_support_subnets = false. After the apply the workspace would refuse every user from every address, " +
					"Terraform included, so no apply could undo it; only Synerise support could. List the addresses your users " +
					"and CI work from in ip_policy, or set enabled = false."}}, nil
		default:
			diags.AddAttributeWarning(path.Root("ip_policy"), "The IP allowlist lets no user in",
				"enabled = true with an empty ip_policy lets in only the addresses Synerise uses for service work "+
					"(enable_support_subnets): every user would be locked out, including the one whose API token Terraform uses. "+
					"List the addresses users work from, your CI runner's among them.")
		}
	}
	if plan.applyFrom.unknown {
		return lockouts, append(doubts, "the provider's `apply_from_addresses` is known only after apply")
	}
	if missing := uncovered(allowed, plan.applyFrom.ranges); len(missing) > 0 {
		lockouts = append(lockouts, lockout{attribute: "ip_policy", summary: "The IP allowlist would lock Terraform out",
			detail: "This plan leaves the IP allowlist in force (enabled = true), and ip_policy does not let in " + strings.Join(missing, ", ") +
				", which the provider's apply_from_addresses declares as the addresses Terraform reaches the API from. After the " +
				"apply the workspace would refuse the next plan and apply from there, so the fix could not be applied through " +
				"Terraform. Add the addresses to ip_policy (it holds IPv4 addresses one by one: list every address of a range; " +
				"an IPv6 address cannot be listed, so apply over IPv4), or correct apply_from_addresses."})
	}
	return lockouts, doubts
}

// allowedRanges reads the planned entries of ip_policy, leaving out the malformed ones that the
// attribute's validator refuses; complete is false when an entry is known only after apply.
func allowedRanges(entries types.Set) (allowed []netip.Prefix, complete bool) {
	for _, e := range entries.Elements() {
		entry, ok := e.(types.String)
		if !ok || entry.IsUnknown() {
			return nil, false
		}
		if prefix, err := parseAddressOrRange(entry.ValueString()); err == nil {
			allowed = append(allowed, prefix)
		}
	}
	return allowed, true
}
