package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// inviteMembers invites member-0000@example.com … in batches of the largest page the client reads.
func (w *testWorkspace) inviteMembers(t *testing.T, count int, roleID int64) {
	t.Helper()
	for start := 0; start < count; start += iam.UserPageSize {
		batch := make([]iam.Invitation, 0, iam.UserPageSize)
		for i := start; i < min(start+iam.UserPageSize, count); i++ {
			batch = append(batch, iam.Invitation{Email: fmt.Sprintf("member-%04d@example.com", i), FirstName: "Member", LastName: fmt.Sprint(i), Roles: []int64{roleID}})
		}
		if _, err := w.client.InviteUsers(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAccUsersDataSource_everyPage(t *testing.T) {
	w := newTestWorkspace(t)
	const invited = 5000
	w.inviteMembers(t, invited, w.roleNamed(t, "Marketer").ID)
	w.mock.ResetCounts()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(`data "synerise_users" "x" { status = "GONE" }`),
				ExpectError: regexp.MustCompile(`value must be one of`),
			},
			{
				Config: w.config(`
data "synerise_users" "all" {}

data "synerise_users" "pending_0040s" {
  status = "PENDING"
  search = "member-004"
}

data "synerise_users" "active" {
  status = "ACTIVE"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					// The invitees and the workspace's own admin.
					statecheck.ExpectKnownValue("data.synerise_users.all", tfjsonpath.New("users"), knownvalue.ListSizeExact(invited+1)),
					statecheck.ExpectKnownValue("data.synerise_users.all", tfjsonpath.New("ids_by_email").AtMapKey("member-4999@example.com"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.synerise_users.pending_0040s", tfjsonpath.New("users"), knownvalue.ListSizeExact(10)),
					statecheck.ExpectKnownValue("data.synerise_users.pending_0040s", tfjsonpath.New("users").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"email":      knownvalue.StringExact("member-0040@example.com"),
						"status":     knownvalue.StringExact("PENDING"),
						"role_names": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Marketer")}),
					})),
					statecheck.ExpectKnownValue("data.synerise_users.active", tfjsonpath.New("users"), knownvalue.ListSizeExact(1)),
				},
				Check: func(*terraform.State) error {
					// Each read of the 5,001 users takes ceil(5001/500) = 11 pages; the filtered ones one page each.
					// An injected fault adds one request: its retry.
					const route = "GET /uauth/users/listing"
					listings := w.mock.RequestCounts()[route] - w.mock.FaultCounts()[route]
					reads := listings / 13
					if listings%13 != 0 || reads < 1 {
						return fmt.Errorf("%d listing requests are not whole reads of 11+1+1 pages", listings)
					}
					return nil
				},
			},
		},
	})
}
