package provider

import (
	"regexp"
	"strings"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// Each settings type lists the workspace's one object, as it is, whatever the list block asks.
func TestAccSettingsListResources(t *testing.T) {
	w := newTestWorkspace(t)
	w.patchSettings(t, specOf(t, NewIPPolicyResource), map[string]any{"enabled": true, "ipPolicy": []string{"203.0.113.7"}})
	var query strings.Builder
	var checks []querycheck.QueryResultCheck
	for typeName, tc := range settingsCases {
		spec := specOf(t, tc.factory)
		query.WriteString(strings.Replace(listBlock(typeName, "  limit = 10"), `"found"`, `"`+spec.ID()+`"`, 1))
		address := typeName + "." + spec.ID()
		checks = append(checks,
			querycheck.ExpectLength(address, 1),
			querycheck.ExpectIdentity(address, map[string]knownvalue.Check{"id": knownvalue.StringExact(spec.ID())}),
			querycheck.ExpectResourceDisplayName(address, nil, knownvalue.StringRegexp(regexp.MustCompile(`(?i)^`+spec.Title+`$`))),
		)
	}
	byIPPolicy := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact("ip_policy")})
	tfresource.ParallelTest(t, listTestCase(w,
		tfresource.TestStep{Query: true, Config: query.String(), QueryResultChecks: checks},
		tfresource.TestStep{
			Query:  true,
			Config: listBlock("synerise_ip_policy", "  include_resource = true"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectResourceDisplayName("synerise_ip_policy.found", byIPPolicy, knownvalue.StringExact("IP allowlist")),
				querycheck.ExpectResourceKnownValues("synerise_ip_policy.found", byIPPolicy, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)},
					{Path: tfjsonpath.New("ip_policy"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("203.0.113.7")})},
					{Path: tfjsonpath.New("on_destroy"), KnownValue: knownvalue.StringExact(settings.Restore)},
				}),
			},
		},
		tfresource.TestStep{
			// A limit of 0 lists nothing.
			Query:             true,
			Config:            listBlock("synerise_password_policy", "  limit = 0"),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength("synerise_password_policy.found", 0)},
		},
	))
}
