package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ipv4Address matches a dotted-quad IPv4 address. The reference says the allowlist holds IPv4
// addresses, so ranges and IPv6 are refused at plan time rather than guessed at.
var ipv4Address = regexp.MustCompile(`^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$`)

// NewIPPolicyResource is the factory of synerise_ip_policy.
func NewIPPolicyResource() resource.Resource {
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "ip_policy",
		id:          "ip_policy",
		path:        "/uauth/settings/user-bp-ip-policy",
		title:       "IP allowlist policy",
		description: "The IP allowlist of the workspace: when enabled, users may use the workspace only from the listed addresses.",
		fields: []settingField{
			{attr: "enabled", json: "enabled", kind: boolField,
				description: "Whether the allowlist is in force. Keep your own address in `ip_policy` before enabling it; enabling it with no address is warned of at plan time."},
			{attr: "enable_support_subnets", json: "enableSupportSubnets", kind: boolField,
				description: "Whether the addresses Synerise uses for service work are allowed too."},
			{attr: "ip_policy", json: "ipPolicy", kind: stringSetField,
				description: "The allowed IPv4 addresses, such as `203.0.113.7`. The API reference speaks of addresses only, " +
					"so ranges (CIDR) are refused at plan time. Order does not matter.",
				setRules: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(ipv4Address, "must be an IPv4 address such as 203.0.113.7"))}},
		},
		warn: warnOfEmptyAllowlist,
	}}
}

// warnOfEmptyAllowlist warns before an allowlist in force lets no address in: the workspace would
// refuse every user, including the one whose token applies the change.
func warnOfEmptyAllowlist(planned map[string]attr.Value, diags *diag.Diagnostics) {
	enabled, _ := planned["enabled"].(types.Bool)
	addresses, known := planned["ip_policy"].(types.Set)
	if !enabled.ValueBool() || !known || len(addresses.Elements()) > 0 {
		return
	}
	diags.AddAttributeWarning(path.Root("ip_policy"), "The IP allowlist lets no address in",
		"enabled = true with an empty ip_policy may lock every user out of the workspace, including the one whose API token "+
			"Terraform uses, and only Synerise support could undo it. List the addresses users work from, your CI runner's "+
			"among them, before enabling the allowlist.")
}
