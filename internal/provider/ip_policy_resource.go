package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// ipv4Address matches a dotted-quad IPv4 address. The reference says the allowlist holds IPv4
// addresses, so ranges and IPv6 are refused at plan time rather than guessed at.
var ipv4Address = `^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$`

// NewIPPolicyResource is the factory of synerise_ip_policy.
func NewIPPolicyResource() resource.Resource {
	get, set := settingsAPI((*iam.Client).GetIPPolicySettings, (*iam.Client).SetIPPolicySettings)
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "ip_policy",
		id:          "ip_policy",
		title:       "IP allowlist policy",
		description: "The IP allowlist of the workspace: when enabled, users may use the workspace only from the listed addresses.",
		fields: []settingField{
			{attr: "enabled", json: "enabled", kind: boolField,
				description: "Whether the allowlist is in force. Keep your own address in `ip_policy` before enabling it."},
			{attr: "enable_support_subnets", json: "enableSupportSubnets", kind: boolField,
				description: "Whether the addresses Synerise uses for service work are allowed too."},
			{attr: "ip_policy", json: "ipPolicy", kind: stringSetField,
				description: "The allowed IPv4 addresses, such as `203.0.113.7`. The API reference speaks of addresses only, " +
					"so ranges (CIDR) are refused at plan time. Order does not matter.",
				setRules: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(regexpMust(ipv4Address), "must be an IPv4 address such as 203.0.113.7"))}},
		},
		defaults: map[string]any{"enabled": false, "enableSupportSubnets": false, "ipPolicy": []string{}},
		get:      get,
		set:      set,
	}}
}
