package provider

import (
	"context"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

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
	grace, invitations := users[0], found("synerise_invitation")
	w.accept(t, grace.Email)
	testQueries(t, w,
		// Members and invitations alike, the workspace's first user among them, from one listing.
		invitations.query("  include_resource = true",
			invitations.count(4),
			invitations.includes(idOf(grace.ID)),
			invitations.named(idOf(grace.ID), "grace@example.org"),
			invitations.holding(idOf(grace.ID), map[string]knownvalue.Check{
				"email":      knownvalue.StringExact("grace@example.org"),
				"first_name": knownvalue.StringExact("Grace"),
				"last_name":  knownvalue.StringExact("Hopper"),
				"role_ids": knownvalue.SetExact([]knownvalue.Check{
					knownvalue.Int64Exact(developer.ID), knownvalue.Int64Exact(reviewer.ID),
				}),
				"status":            knownvalue.StringExact(iam.UserStatusActive),
				"access_expires_at": knownvalue.Null(),
			}),
		),
		// The API filters by status and by text.
		invitations.query("  config {\n    status = \"PENDING\"\n    search = \"example.org\"\n  }",
			invitations.count(2),
			invitations.named(idOf(users[1].ID), "alan@example.org"),
			invitations.named(idOf(users[2].ID), "joan@example.org"),
		),
		invitations.query("  config {\n    status = \"ACTIVE\"\n    search = \"example.org\"\n  }", invitations.count(1)),
		invitations.query("  limit = 2", invitations.count(2)),
		expectRequestsStep(w, map[string]int{"GET /uauth/users/listing": 4, "GET /uauth/users/{userId}": 0}),
		tfresource.TestStep{
			// A status the API does not know is refused before any request, by name.
			Query:       true,
			Config:      listBlock("synerise_invitation", "  config {\n    status = \"GONE\"\n  }"),
			ExpectError: wrappedError(`Attribute status value must be one of`),
		},
	)
}
