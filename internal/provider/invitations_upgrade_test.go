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

// v0StateAttributes reads the attributes of the first resource of typeName in a state file of
// testdata that Terraform 1.11 wrote with the provider as it was before schema version 1.
func v0StateAttributes(t *testing.T, file, typeName string) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + file)
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
		if r.Type == typeName && r.Instances[0].SchemaVersion == 0 {
			return r.Instances[0].Attributes
		}
	}
	t.Fatalf("testdata/%s holds no %s of schema version 0", file, typeName)
	return nil
}

// upgradeThroughServer drives a state of version 0 through the provider server's
// UpgradeResourceState, as Terraform does, and reads the result as res's current state.
func upgradeThroughServer(t *testing.T, res resource.Resource, typeName string, attributes []byte, into any) {
	t.Helper()
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemaResp := &resource.SchemaResponse{}
	res.Schema(ctx, resource.SchemaRequest{}, schemaResp)
	objectType := schemaResp.Schema.Type().TerraformType(ctx)

	upgraded, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
		TypeName: typeName, Version: 0, RawState: &tfprotov6.RawState{JSON: attributes},
	})
	if err != nil || len(upgraded.Diagnostics) > 0 {
		t.Fatalf("UpgradeResourceState: %v %+v", err, upgraded.Diagnostics)
	}
	value, err := upgraded.UpgradedState.Unmarshal(objectType)
	if err != nil {
		t.Fatal(err)
	}
	if diags := (tfsdk.State{Schema: schemaResp.Schema, Raw: value}).Get(ctx, into); diags.HasError() {
		t.Fatal(diags)
	}
	expectEmptyPlanOver(t, server, typeName, objectType, value, upgraded.UpgradedState)
}

// expectEmptyPlanOver plans the configuration an upgraded state describes (the state less what only
// the provider computes) over that state: the plan must change nothing.
func expectEmptyPlanOver(t *testing.T, server tfprotov6.ProviderServer, typeName string, objectType tftypes.Type, value tftypes.Value, state *tfprotov6.DynamicValue) {
	t.Helper()
	ctx := context.Background()
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
	validated, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: &configValue})
	if err != nil || len(validated.Diagnostics) > 0 {
		t.Fatalf("ValidateResourceConfig: %v %+v", err, validated.Diagnostics)
	}
	planned, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: state, ProposedNewState: state, Config: &configValue,
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

func sameMember(a, b memberModel) bool {
	return a.ID.Equal(b.ID) && a.Email.Equal(b.Email) && a.FirstName.Equal(b.FirstName) && a.LastName.Equal(b.LastName) &&
		a.RoleIDs.Equal(b.RoleIDs) && a.AccessExpiresAt.Equal(b.AccessExpiresAt) && a.Active.Equal(b.Active) && a.Status.Equal(b.Status)
}

// A state of version 0 (three members keyed by address, one deactivated outside Terraform and
// refreshed) upgrades: each address becomes the member's label and email, active follows the status,
// and a configuration that keeps the addresses as labels then plans nothing.
func TestInvitationsStateUpgradeFromV0(t *testing.T) {
	var got InvitationsResourceModel
	upgradeThroughServer(t, NewInvitationsResource(), "synerise_invitations", v0StateAttributes(t, "invitations_v0.tfstate", "synerise_invitations"), &got)
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
		if g, ok := got.Members[label]; !ok || !sameMember(g, m) {
			t.Errorf("member %s upgraded to %+v, want %+v", label, g, m)
		}
	}
}
