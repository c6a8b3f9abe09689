package provider

import (
	"context"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

func TestAccRoleGroupListResource(t *testing.T) {
	w := newTestWorkspace(t)
	security, err := w.client.CreateRoleGroup(context.Background(), iam.RoleGroupInput{Name: "Security", Description: "Roles of the security team"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.client.CreateRoleGroup(context.Background(), iam.RoleGroupInput{Name: "Engineering"}); err != nil {
		t.Fatal(err)
	}
	bySecurity := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(security.ID)})
	tfresource.ParallelTest(t, listTestCase(w,
		tfresource.TestStep{
			// The two groups of a new workspace and the two made above, each by name, from one listing.
			PreConfig: w.mock.ResetCounts,
			Query:     true,
			Config:    listBlock("synerise_role_group", "  include_resource = true"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_role_group.found", 4),
				querycheck.ExpectIdentity("synerise_role_group.found", map[string]knownvalue.Check{"id": knownvalue.Int64Exact(security.ID)}),
				querycheck.ExpectResourceDisplayName("synerise_role_group.found", bySecurity, knownvalue.StringExact("Security")),
				querycheck.ExpectResourceKnownValues("synerise_role_group.found", bySecurity, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.Int64Exact(security.ID)},
					{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Security")},
					{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("Roles of the security team")},
				}),
			},
		},
		tfresource.TestStep{
			Query:             true,
			Config:            listBlock("synerise_role_group", "  limit = 3"),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength("synerise_role_group.found", 3)},
		},
		expectRequestsStep(w, map[string]int{"GET /uauth/roles/listing": 2}),
	))
}
