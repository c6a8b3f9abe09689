package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestSetIdentity holds the shortcut of setIdentity to what the framework's Set would leave: it skips
// only an identity that records the model already, and sets every other.
func TestSetIdentity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	schema := numericIdentitySchema("id", "Numeric id.")
	identityType := schema.Type().TerraformType(ctx)
	recorded := func(id any) tftypes.Value {
		return tftypes.NewValue(identityType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.Number, id)})
	}
	for _, tt := range []struct {
		name  string
		prior tftypes.Value
		holds bool
	}{
		{name: "none yet", prior: tftypes.NewValue(identityType, nil), holds: false},
		{name: "the same id", prior: recorded(12), holds: true},
		{name: "another id", prior: recorded(13), holds: false},
		{name: "a null id", prior: recorded(nil), holds: false},
		{name: "an unknown id", prior: recorded(tftypes.UnknownValue), holds: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			identity := &tfsdk.ResourceIdentity{Schema: schema, Raw: tt.prior}
			model := numericIdentity{ID: types.Int64Value(12)}
			if got := identityHolds(ctx, identity, model); got != tt.holds {
				t.Errorf("identityHolds = %v, want %v", got, tt.holds)
			}
			var diags diag.Diagnostics
			setIdentity(ctx, identity, model, &diags)
			if diags.HasError() {
				t.Fatalf("setIdentity: %v", diags)
			}
			if want := recorded(12); !identity.Raw.Equal(want) {
				t.Errorf("identity = %s after setIdentity, want %s", identity.Raw, want)
			}
		})
	}
}

func TestSameModel(t *testing.T) {
	t.Parallel()
	role := RoleResourceModel{ID: types.Int64Value(1), GroupID: newWholeNumber(2), Name: types.StringValue("ops"), Description: types.StringValue("")}
	if !sameModel(role, role) {
		t.Errorf("a model differs from itself")
	}
	renamed := role
	renamed.Name = types.StringValue("Ops")
	if sameModel(role, renamed) {
		t.Errorf("models that differ in name are the same")
	}
	nulled := role
	nulled.Description = types.StringNull()
	if sameModel(role, nulled) {
		t.Errorf("an empty description is the same as a null one")
	}
	member := memberModel{Email: types.StringValue("ada@example.com"), RoleIDs: int64Set([]int64{1, 2})}
	reordered := member
	reordered.RoleIDs = int64Set([]int64{2, 1})
	if !sameModel(member, reordered) {
		t.Errorf("sets of the same roles in another order differ")
	}
	reordered.RoleIDs = int64Set([]int64{2})
	if sameModel(member, reordered) {
		t.Errorf("sets of other roles are the same")
	}
}
