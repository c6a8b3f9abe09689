package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func invitationsSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	NewInvitationsResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp.Schema
}

// memberAttributeTypes must be the members' type as the schema declares it, or every write fails.
func TestInvitationsMemberAttributeTypesMatchSchema(t *testing.T) {
	members, ok := invitationsSchema(t).Attributes["members"].(schema.MapNestedAttribute)
	if !ok {
		t.Fatal("members is no longer a map of nested objects")
	}
	want := members.NestedObject.Type()
	if got := (types.ObjectType{AttrTypes: memberAttributeTypes}); !got.Equal(want) {
		t.Fatalf("memberAttributeTypes is %s, the schema says %s", got, want)
	}
}

// A state written through writeInvitations reads back the same through readInvitations and through
// the framework's own reflection, null and unknown values included.
func TestInvitationsValuesRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := invitationsSchema(t)
	want := InvitationsResourceModel{ID: types.StringValue(invitationsID), Members: map[string]memberModel{
		"ada": {
			ID: types.Int64Value(7), Email: types.StringValue("Ada@example.com"), FirstName: types.StringValue("Ada"),
			LastName: types.StringValue(""), RoleIDs: int64Set([]int64{1, 2}), Active: types.BoolValue(true),
			AccessExpiresAt: timetypes.NewRFC3339ValueMust("2027-01-31T01:00:00+01:00"), Status: types.StringValue("PENDING"),
			AllowTokenOwnerLockout: types.BoolNull(),
		},
		"new": {
			ID: types.Int64Unknown(), Email: types.StringValue("new@example.com"), FirstName: types.StringNull(),
			LastName: types.StringNull(), RoleIDs: types.SetNull(types.Int64Type), Active: types.BoolValue(false),
			AccessExpiresAt: timetypes.NewRFC3339Null(), Status: types.StringUnknown(), AllowTokenOwnerLockout: types.BoolValue(true),
		},
	}}
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	var diags diag.Diagnostics
	writeInvitations(ctx, &state, want, &diags)
	got, known := readInvitations(ctx, state, &diags)
	var reflected InvitationsResourceModel
	diags.Append(state.Get(ctx, &reflected)...)
	if diags.HasError() || !known {
		t.Fatalf("known %v, diagnostics %v", known, diags)
	}
	for _, read := range []InvitationsResourceModel{got, reflected} {
		if !read.ID.Equal(want.ID) || len(read.Members) != len(want.Members) {
			t.Fatalf("read %+v, want %+v", read, want)
		}
		for label, m := range want.Members {
			if !sameModel(read.Members[label], m) {
				t.Errorf("member %s read as %+v, want %+v", label, read.Members[label], m)
			}
		}
	}
}

// A member unknown as a whole (a module's variable) makes the members unknown to readInvitations.
func TestInvitationsValuesUnknownMember(t *testing.T) {
	ctx := context.Background()
	s := invitationsSchema(t)
	objectType, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	membersType, isMap := objectType.AttributeTypes["members"].(tftypes.Map)
	if !ok || !isMap {
		t.Fatalf("the schema's type is %s, not an object with a map of members", s.Type())
	}
	plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(objectType, map[string]tftypes.Value{
		"id":      tftypes.NewValue(tftypes.String, invitationsID),
		"members": tftypes.NewValue(membersType, map[string]tftypes.Value{"later": tftypes.NewValue(membersType.ElementType, tftypes.UnknownValue)}),
	})}
	var diags diag.Diagnostics
	got, known := readInvitations(ctx, plan, &diags)
	if diags.HasError() || known || got.Members != nil {
		t.Fatalf("read %+v, known %v, diagnostics %v; want the members unknown", got, known, diags)
	}
}
