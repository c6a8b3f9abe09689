package provider

import (
	"regexp"
	"strings"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"

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
	ipPolicy, passwordPolicy := found("synerise_ip_policy"), found("synerise_password_policy")
	theIPPolicy := map[string]knownvalue.Check{"id": knownvalue.StringExact("ip_policy")}
	testQueries(t, w,
		tfresource.TestStep{Query: true, Config: query.String(), QueryResultChecks: checks},
		ipPolicy.query("  include_resource = true",
			ipPolicy.named(theIPPolicy, "IP allowlist"),
			ipPolicy.holding(theIPPolicy, map[string]knownvalue.Check{
				"enabled":    knownvalue.Bool(true),
				"ip_policy":  knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("203.0.113.7")}),
				"on_destroy": knownvalue.StringExact(settings.Restore),
			}),
		),
		// A limit of 0 lists nothing.
		passwordPolicy.query("  limit = 0", passwordPolicy.count(0)),
	)
}
