package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = ipAllowlistCoversFunction{}

// ipAllowlistCoversFunction is provider::synerise::ip_allowlist_covers, the lockout guard's coverage
// test offered to check and precondition blocks.
type ipAllowlistCoversFunction struct{}

// NewIPAllowlistCoversFunction is the factory of provider::synerise::ip_allowlist_covers.
func NewIPAllowlistCoversFunction() function.Function {
	return ipAllowlistCoversFunction{}
}

func (ipAllowlistCoversFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "ip_allowlist_covers"
}

func (ipAllowlistCoversFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether an IP allowlist lets every address of an address or range in",
		MarkdownDescription: "Returns `true` when the entries of `ip_policy` together let in every address of `address`, and " +
			"`false` otherwise. Use it in `check` and `precondition` blocks to make sure an allowlist keeps letting in the " +
			"addresses you reach the workspace from, such as your CI runners' egress addresses; the provider argument " +
			"`apply_from_addresses` makes the same test on every plan of `synerise_ip_policy`.\n\n" +
			"Entries and `address` are IPv4 or IPv6 addresses, or CIDR ranges. A range is covered when every one of its " +
			"addresses is in some entry, so `[\"203.0.113.0\", \"203.0.113.1\"]` covers `203.0.113.0/31`. IPv4 entries never " +
			"cover an IPv6 address, nor the other way round. The test says nothing of whether the allowlist is in force " +
			"(`enabled`). A malformed entry or address is an error that names it. Needs Terraform 1.8 or later, or " +
			"OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.SetParameter{
				Name:        "ip_policy",
				ElementType: types.StringType,
				MarkdownDescription: "The allowlist's entries, such as `synerise_ip_policy.this.ip_policy` or a list of " +
					"addresses and ranges.",
			},
			function.StringParameter{
				Name:                "address",
				MarkdownDescription: "The address or CIDR range that must be let in, such as `203.0.113.7` or `198.51.100.0/28`.",
			},
		},
		Return: function.BoolReturn{},
	}
}

func (ipAllowlistCoversFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var entries []string
	var address string
	resp.Error = req.Arguments.Get(ctx, &entries, &address)
	if resp.Error != nil {
		return
	}
	allowed, err := parseAllowlist(entries)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "Invalid ip_policy entry: "+err.Error()+".")
		return
	}
	wanted, err := parseAddressOrRange(address)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "Invalid address: "+err.Error()+".")
		return
	}
	resp.Error = resp.Result.Set(ctx, allowlistCovers(allowed, wanted))
}
