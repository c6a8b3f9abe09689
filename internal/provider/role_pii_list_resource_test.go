package provider

import (
	"context"
	"fmt"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccRolePIIListResource(t *testing.T) {
	w := newTestWorkspace(t)
	engineering, developer, reviewer, _ := rolesOfTwoGroups(t, w)
	if _, err := w.client.SetRolePII(context.Background(), developer.ID, true); err != nil {
		t.Fatal(err)
	}
	ofEngineering := fmt.Sprintf("  config {\n    group_id = %d\n  }", engineering)
	byRole := func(role int64) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"role_id": knownvalue.Int64Exact(role)})
	}
	tfresource.ParallelTest(t, listTestCase(w,
		tfresource.TestStep{
			// Every role has a setting, granted or not.
			Query:             true,
			Config:            listBlock("synerise_role_pii", ""),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLengthAtLeast("synerise_role_pii.found", 4)},
		},
		tfresource.TestStep{
			Query:  true,
			Config: listBlock("synerise_role_pii", "  include_resource = true\n"+ofEngineering),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_role_pii.found", 2),
				querycheck.ExpectIdentity("synerise_role_pii.found", map[string]knownvalue.Check{"role_id": knownvalue.Int64Exact(developer.ID)}),
				querycheck.ExpectResourceDisplayName("synerise_role_pii.found", byRole(developer.ID), knownvalue.StringExact("Developer (Engineering): sees PII")),
				querycheck.ExpectResourceDisplayName("synerise_role_pii.found", byRole(reviewer.ID), knownvalue.StringExact("Reviewer (Engineering): PII masked")),
				querycheck.ExpectResourceKnownValues("synerise_role_pii.found", byRole(reviewer.ID), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("role_id"), KnownValue: knownvalue.Int64Exact(reviewer.ID)},
					{Path: tfjsonpath.New("pii_access"), KnownValue: knownvalue.Bool(false)},
				}),
			},
		},
		tfresource.TestStep{
			// A limit also bounds the requests: the API reads one role's setting per request.
			PreConfig: w.mock.ResetCounts,
			Query:     true,
			Config:    listBlock("synerise_role_pii", "  limit = 1\n"+ofEngineering),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_role_pii.found", 1),
				querycheck.ExpectIdentity("synerise_role_pii.found", map[string]knownvalue.Check{"role_id": knownvalue.Int64Exact(developer.ID)}),
			},
		},
		expectRequestsStep(w, map[string]int{"GET /uauth/roles/listing": 1, "GET /uauth/roles/{roleId}/pii": 1}),
		tfresource.TestStep{
			Query:       true,
			Config:      listBlock("synerise_role_pii", "  config {\n    group_id = 999999\n  }"),
			ExpectError: wrappedError(`The workspace has no role group 999999`),
		},
	))
}
