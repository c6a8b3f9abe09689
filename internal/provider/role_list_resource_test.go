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

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// rolesOfTwoGroups makes the group Engineering with the roles Developer and Reviewer, and the group
// Security with the role Auditor, through the API.
func rolesOfTwoGroups(t *testing.T, w *testWorkspace) (engineering int64, developer, reviewer, auditor iam.Role) {
	t.Helper()
	ctx := context.Background()
	group := func(name string) int64 {
		g, err := w.client.CreateRoleGroup(ctx, iam.RoleGroupInput{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return g.ID
	}
	role := func(group int64, name, description string) iam.Role {
		r, err := w.client.CreateRole(ctx, iam.RoleInput{Group: group, Name: name, Description: description})
		if err != nil {
			t.Fatal(err)
		}
		return *r
	}
	engineering, security := group("Engineering"), group("Security")
	return engineering, role(engineering, "Developer", "Writes code"), role(engineering, "Reviewer", ""), role(security, "Auditor", "")
}

func TestAccRoleListResource(t *testing.T) {
	w := newTestWorkspace(t)
	engineering, developer, reviewer, auditor := rolesOfTwoGroups(t, w)
	byDeveloper := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(developer.ID)})
	tfresource.ParallelTest(t, listTestCase(w,
		tfresource.TestStep{
			// Every role of the workspace (those of a new workspace too), named with its group.
			PreConfig: w.mock.ResetCounts,
			Query:     true,
			Config:    listBlock("synerise_role", ""),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLengthAtLeast("synerise_role.found", 4),
				querycheck.ExpectIdentity("synerise_role.found", map[string]knownvalue.Check{"id": knownvalue.Int64Exact(auditor.ID)}),
				querycheck.ExpectResourceDisplayName("synerise_role.found",
					queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(auditor.ID)}), knownvalue.StringExact("Auditor (Security)")),
			},
		},
		tfresource.TestStep{
			// The roles of one group, with the whole resource.
			Query: true,
			Config: listBlock("synerise_role", `  include_resource = true
  config {
    group_id = `+fmt.Sprint(engineering)+`
  }`),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_role.found", 2),
				querycheck.ExpectIdentity("synerise_role.found", map[string]knownvalue.Check{"id": knownvalue.Int64Exact(reviewer.ID)}),
				querycheck.ExpectResourceDisplayName("synerise_role.found", byDeveloper, knownvalue.StringExact("Developer (Engineering)")),
				querycheck.ExpectResourceKnownValues("synerise_role.found", byDeveloper, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("group_id"), KnownValue: knownvalue.Int64Exact(engineering)},
					{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Developer")},
					{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("Writes code")},
				}),
			},
		},
		tfresource.TestStep{
			Query: true,
			Config: listBlock("synerise_role", `  limit = 1
  config {
    group_id = `+fmt.Sprint(engineering)+`
  }`),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_role.found", 1),
				querycheck.ExpectIdentity("synerise_role.found", map[string]knownvalue.Check{"id": knownvalue.Int64Exact(developer.ID)}),
			},
		},
		// Listing every role of the workspace costs one request, as a refresh does.
		expectRequestsStep(w, map[string]int{"GET /uauth/roles/listing": 3}),
		tfresource.TestStep{
			// A group the workspace does not have is an error, not an empty list.
			Query:       true,
			Config:      listBlock("synerise_role", "  config {\n    group_id = 999999\n  }"),
			ExpectError: wrappedError(`The workspace has no role group 999999`),
		},
		tfresource.TestStep{
			Query:       true,
			Config:      listBlock("synerise_role", "  config {\n    group_id = 0\n  }"),
			ExpectError: wrappedError(`group_id`),
		},
	))
}
