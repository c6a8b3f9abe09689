package provider

import (
	"context"
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// applyFromAddressesAttribute is the provider argument with which a configuration declares where
// Terraform reaches the API from, so that synerise_ip_policy can refuse an allowlist that leaves it out.
func applyFromAddressesAttribute() schema.Attribute {
	return schema.SetAttribute{
		Description: "The addresses Terraform reaches the API from, such as your CI runners' egress addresses: IPv4 or IPv6 " +
			"addresses, or CIDR ranges (`203.0.113.7`, `198.51.100.0/28`, `2001:db8::/48`). When set, a plan that leaves " +
			"`synerise_ip_policy` in force (`enabled = true`) with an `ip_policy` that does not let every one of them in " +
			"fails, because after the apply the allowlist would refuse Terraform itself and the fix could not be applied. " +
			"A range is let in when the allowlist holds every address of it. `lockout_acknowledged = true` on the resource " +
			"overrides the check. Left out, the check is not made; `provider::synerise::ip_allowlist_covers` offers the same " +
			"test to `check` and `precondition` blocks.",
		ElementType: types.StringType,
		Optional:    true,
		Validators:  []validator.Set{setvalidator.ValueStringsAre(addressOrRangeValidator{})},
	}
}

// declaredAddresses is what apply_from_addresses declares: ranges, or unknown until apply.
type declaredAddresses struct {
	ranges  []netip.Prefix
	unknown bool
}

// readApplyFromAddresses reads apply_from_addresses; the schema's validator has refused malformed entries.
func readApplyFromAddresses(ctx context.Context, value types.Set, diags *diag.Diagnostics) declaredAddresses {
	if value.IsUnknown() {
		return declaredAddresses{unknown: true}
	}
	var texts []types.String
	diags.Append(value.ElementsAs(ctx, &texts, false)...)
	var declared declaredAddresses
	for _, text := range texts {
		if text.IsUnknown() {
			return declaredAddresses{unknown: true}
		}
		if prefix, err := parseAddressOrRange(text.ValueString()); err == nil {
			declared.ranges = append(declared.ranges, prefix)
		}
	}
	return declared
}

// applyFromOf takes the declared addresses from what Configure handed a resource; none before the
// provider is configured.
func applyFromOf(data any) declaredAddresses {
	if provided, ok := data.(*providerData); ok {
		return provided.applyFrom
	}
	return declaredAddresses{}
}
