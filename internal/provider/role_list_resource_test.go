package provider

import (
	"context"
	"fmt"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"

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
	roles := found("synerise_role")
	ofEngineering := fmt.Sprintf("  config {\n    group_id = %d\n  }", engineering)
	testQueries(t, w,
		// Every role of the workspace (those of a new workspace too), named with its group.
		roles.query("",
			querycheck.ExpectLengthAtLeast(roles.address(), 4),
			roles.includes(idOf(auditor.ID)),
			roles.named(idOf(auditor.ID), "Auditor (Security)"),
		),
		// The roles of one group, with the whole resource.
		roles.query("  include_resource = true\n"+ofEngineering,
			roles.count(2),
			roles.includes(idOf(reviewer.ID)),
			roles.named(idOf(developer.ID), "Developer (Engineering)"),
			roles.holding(idOf(developer.ID), map[string]knownvalue.Check{
				"group_id":    knownvalue.Int64Exact(engineering),
				"name":        knownvalue.StringExact("Developer"),
				"description": knownvalue.StringExact("Writes code"),
			}),
		),
		roles.query("  limit = 1\n"+ofEngineering, roles.count(1), roles.includes(idOf(developer.ID))),
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
	)
}
