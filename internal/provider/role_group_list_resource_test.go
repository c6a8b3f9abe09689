package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

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
	groups := found("synerise_role_group")
	testQueries(t, w,
		// The two groups of a new workspace and the two made above, each by name, from one listing.
		groups.query("  include_resource = true",
			groups.count(4),
			groups.includes(idOf(security.ID)),
			groups.named(idOf(security.ID), "Security"),
			groups.holding(idOf(security.ID), map[string]knownvalue.Check{
				"id":          knownvalue.Int64Exact(security.ID),
				"name":        knownvalue.StringExact("Security"),
				"description": knownvalue.StringExact("Roles of the security team"),
			}),
		),
		groups.query("  limit = 3", groups.count(3)),
		expectRequestsStep(w, map[string]int{"GET /uauth/roles/listing": 2}),
	)
}
