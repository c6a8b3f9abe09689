package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A state of version 0 of one member deactivated outside Terraform (the synerise_invitation of a
// state file, the other resources left out) upgrades with active false, the expiration as written,
// and a plan of the same configuration changes nothing.
func TestInvitationStateUpgradeFromV0(t *testing.T) {
	var got InvitationResourceModel
	upgradeThroughServer(t, NewInvitationResource(), "synerise_invitation", v0StateAttributes(t, "invitation_v0.tfstate", "synerise_invitation"), &got)
	want := memberModel{
		ID: types.Int64Value(2), Email: types.StringValue("grace@example.com"), FirstName: types.StringValue("Grace"), LastName: types.StringValue(""),
		RoleIDs: int64Set([]int64{5}), AccessExpiresAt: timetypes.NewRFC3339ValueMust("2030-01-31T01:00:00+01:00"),
		Active: types.BoolValue(false), Status: types.StringValue("INACTIVE"),
	}
	if !sameMember(got, want) {
		t.Errorf("upgraded to %+v, want %+v", got, want)
	}
}
