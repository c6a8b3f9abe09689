package provider

import (
	"context"
	"fmt"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
)

func TestAccRolePIIListResource(t *testing.T) {
	w := newTestWorkspace(t)
	engineering, developer, reviewer, _ := rolesOfTwoGroups(t, w)
	if _, err := w.client.SetRolePII(context.Background(), developer.ID, true); err != nil {
		t.Fatal(err)
	}
	ofEngineering := fmt.Sprintf("  config {\n    group_id = %d\n  }", engineering)
	settings := found("synerise_role_pii")
	roleIDOf := func(role int64) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"role_id": knownvalue.Int64Exact(role)}
	}
	testQueries(t, w,
		// Every role has a setting, granted or not.
		settings.query("", querycheck.ExpectLengthAtLeast(settings.address(), 4)),
		settings.query("  include_resource = true\n"+ofEngineering,
			settings.count(2),
			settings.includes(roleIDOf(developer.ID)),
			settings.named(roleIDOf(developer.ID), "Developer (Engineering): sees PII"),
			settings.named(roleIDOf(reviewer.ID), "Reviewer (Engineering): PII masked"),
			settings.holding(roleIDOf(reviewer.ID), map[string]knownvalue.Check{
				"role_id":    knownvalue.Int64Exact(reviewer.ID),
				"pii_access": knownvalue.Bool(false),
			}),
		),
		tfresource.TestStep{
			// A limit also bounds the requests: the API reads one role's setting per request.
			PreConfig: w.mock.ResetCounts,
			Query:     true,
			Config:    listBlock("synerise_role_pii", "  limit = 1\n"+ofEngineering),
			QueryResultChecks: []querycheck.QueryResultCheck{
				settings.count(1),
				settings.includes(roleIDOf(developer.ID)),
			},
		},
		expectRequestsStep(w, map[string]int{"GET /uauth/roles/listing": 1, "GET /uauth/roles/{roleId}/pii": 1}),
		tfresource.TestStep{
			Query:       true,
			Config:      listBlock("synerise_role_pii", "  config {\n    group_id = 999999\n  }"),
			ExpectError: wrappedError(`The workspace has no role group 999999`),
		},
	)
}
