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

func TestAccInvitationListResource(t *testing.T) {
	w := newTestWorkspace(t)
	_, developer, reviewer, _ := rolesOfTwoGroups(t, w)
	users, err := w.client.InviteUsers(context.Background(), []iam.Invitation{
		{Email: "grace@example.org", FirstName: "Grace", LastName: "Hopper", Roles: []int64{developer.ID, reviewer.ID}},
		{Email: "alan@example.org", Roles: []int64{developer.ID}},
		{Email: "joan@example.org", Roles: []int64{reviewer.ID}},
	})
	if err != nil {
		t.Fatal(err)
	}
	grace := users[0]
	w.accept(t, grace.Email)
	byGrace := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(grace.ID)})
	tfresource.ParallelTest(t, listTestCase(w,
		tfresource.TestStep{
			// Members and invitations alike, the workspace's first user among them, from one listing.
			PreConfig: w.mock.ResetCounts,
			Query:     true,
			Config:    listBlock("synerise_invitation", "  include_resource = true"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_invitation.found", 4),
				querycheck.ExpectIdentity("synerise_invitation.found", map[string]knownvalue.Check{"id": knownvalue.Int64Exact(grace.ID)}),
				querycheck.ExpectResourceDisplayName("synerise_invitation.found", byGrace, knownvalue.StringExact("grace@example.org")),
				querycheck.ExpectResourceKnownValues("synerise_invitation.found", byGrace, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("email"), KnownValue: knownvalue.StringExact("grace@example.org")},
					{Path: tfjsonpath.New("first_name"), KnownValue: knownvalue.StringExact("Grace")},
					{Path: tfjsonpath.New("last_name"), KnownValue: knownvalue.StringExact("Hopper")},
					{Path: tfjsonpath.New("role_ids"), KnownValue: knownvalue.SetExact([]knownvalue.Check{
						knownvalue.Int64Exact(developer.ID), knownvalue.Int64Exact(reviewer.ID),
					})},
					{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact(iam.UserStatusActive)},
					{Path: tfjsonpath.New("access_expires_at"), KnownValue: knownvalue.Null()},
				}),
			},
		},
		tfresource.TestStep{
			// The API filters by status and by text.
			Query:  true,
			Config: listBlock("synerise_invitation", "  config {\n    status = \"PENDING\"\n    search = \"example.org\"\n  }"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_invitation.found", 2),
				querycheck.ExpectResourceDisplayName("synerise_invitation.found",
					queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(users[1].ID)}), knownvalue.StringExact("alan@example.org")),
				querycheck.ExpectResourceDisplayName("synerise_invitation.found",
					queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(users[2].ID)}), knownvalue.StringExact("joan@example.org")),
			},
		},
		tfresource.TestStep{
			Query:             true,
			Config:            listBlock("synerise_invitation", "  config {\n    status = \"ACTIVE\"\n    search = \"example.org\"\n  }"),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength("synerise_invitation.found", 1)},
		},
		tfresource.TestStep{
			Query:             true,
			Config:            listBlock("synerise_invitation", "  limit = 2"),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength("synerise_invitation.found", 2)},
		},
		expectRequestsStep(w, map[string]int{"GET /uauth/users/listing": 4, "GET /uauth/users/{userId}": 0}),
		tfresource.TestStep{
			// A status the API does not know is refused before any request, by name.
			Query:       true,
			Config:      listBlock("synerise_invitation", "  config {\n    status = \"GONE\"\n  }"),
			ExpectError: wrappedError(`Attribute status value must be one of`),
		},
	))
}
