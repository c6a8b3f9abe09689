package provider

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// v0StateAttributes reads the attributes of synerise_invitations.team from a state that Terraform 1.11
// wrote with the provider of schema version 0 (members keyed by address): three members invited, one
// of them deactivated outside Terraform and refreshed.
func v0StateAttributes(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/invitations_v0.tfstate")
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				SchemaVersion int             `json:"schema_version"`
				Attributes    json.RawMessage `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		if r.Type == "synerise_invitations" && r.Instances[0].SchemaVersion == 0 {
			return r.Instances[0].Attributes
		}
	}
	t.Fatal("testdata/invitations_v0.tfstate holds no synerise_invitations of schema version 0")
	return nil
}

// A state of version 0 upgrades through the provider server as Terraform drives it: each address
// becomes the member's label and email, active follows the status, and a configuration that keeps
// the addresses as labels then plans nothing.
func TestInvitationsStateUpgradeFromV0(t *testing.T) {
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemaResp := &resource.SchemaResponse{}
	NewInvitationsResource().Schema(ctx, resource.SchemaRequest{}, schemaResp)
	objectType := schemaResp.Schema.Type().TerraformType(ctx)

	upgraded, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "synerise_invitations", Version: 0, RawState: &tfprotov6.RawState{JSON: v0StateAttributes(t)},
	})
	if err != nil || len(upgraded.Diagnostics) > 0 {
		t.Fatalf("UpgradeResourceState: %v %+v", err, upgraded.Diagnostics)
	}
	value, err := upgraded.UpgradedState.Unmarshal(objectType)
	if err != nil {
		t.Fatal(err)
	}
	var got InvitationsResourceModel
	if diags := (tfsdk.State{Schema: schemaResp.Schema, Raw: value}).Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	member := func(id int64, email, first, last, status string, active bool) memberModel {
		return memberModel{
			ID: types.Int64Value(id), Email: types.StringValue(email), FirstName: types.StringValue(first), LastName: types.StringValue(last),
			RoleIDs: int64Set([]int64{5}), AccessExpiresAt: timetypes.NewRFC3339Null(), Active: types.BoolValue(active), Status: types.StringValue(status),
		}
	}
	want := map[string]memberModel{
		"Grace.Hopper@example.com": member(2, "Grace.Hopper@example.com", "", "", "PENDING", true),
		"ada@example.com":          member(3, "ada@example.com", "Ada", "Lovelace", "PENDING", true),
		"alan@example.com":         member(4, "alan@example.com", "", "", "INACTIVE", false),
	}
	if got.ID.ValueString() != invitationsID || len(got.Members) != len(want) {
		t.Fatalf("upgraded to %+v", got)
	}
	for label, m := range want {
		if g, ok := got.Members[label]; !ok || !g.ID.Equal(m.ID) || !g.Email.Equal(m.Email) || !g.FirstName.Equal(m.FirstName) ||
			!g.LastName.Equal(m.LastName) || !g.RoleIDs.Equal(m.RoleIDs) || !g.AccessExpiresAt.Equal(m.AccessExpiresAt) ||
			!g.Active.Equal(m.Active) || !g.Status.Equal(m.Status) {
			t.Errorf("member %s upgraded to %+v, want %+v", label, g, m)
		}
	}

	// The configuration the upgraded state describes: the state less what only the provider computes.
	config, err := tftypes.Transform(value, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if steps := p.Steps(); len(steps) > 0 && (steps[len(steps)-1] == tftypes.AttributeName("id") || steps[len(steps)-1] == tftypes.AttributeName("status")) {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	configValue, err := tfprotov6.NewDynamicValue(objectType, config)
	if err != nil {
		t.Fatal(err)
	}
	validated, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "synerise_invitations", Config: &configValue})
	if err != nil || len(validated.Diagnostics) > 0 {
		t.Fatalf("ValidateResourceConfig: %v %+v", err, validated.Diagnostics)
	}
	planned, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "synerise_invitations", PriorState: upgraded.UpgradedState, ProposedNewState: upgraded.UpgradedState, Config: &configValue,
	})
	if err != nil || len(planned.Diagnostics) > 0 {
		t.Fatalf("PlanResourceChange: %v %+v", err, planned.Diagnostics)
	}
	plannedValue, err := planned.PlannedState.Unmarshal(objectType)
	if err != nil {
		t.Fatal(err)
	}
	if !plannedValue.Equal(value) || len(planned.RequiresReplace) > 0 {
		t.Errorf("the plan after the upgrade is not empty:\n%v\nfrom\n%v", plannedValue, value)
	}
}
