package provider

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Resource identity (Terraform 1.12 and later) names the object a resource manages in a form that
// import blocks and `terraform query` share: `import { identity = { id = 42 } }`. Every resource sets
// it whenever it writes its state; import accepts it wherever it accepts an import ID.

// numericIdentity is the identity of an object the API numbers: a role group, a role, a member.
type numericIdentity struct {
	ID types.Int64 `tfsdk:"id"`
}

// rolePIIIdentity is the identity of a role's PII setting: the role.
type rolePIIIdentity struct {
	RoleID types.Int64 `tfsdk:"role_id"`
}

// domainIdentity is the identity of a managed domain: its name, in lower case.
type domainIdentity struct {
	Name types.String `tfsdk:"name"`
}

// fixedIdentity is the identity of a singleton: an id that never changes, the same as its import ID.
type fixedIdentity struct {
	ID types.String `tfsdk:"id"`
}

func numericIdentitySchema(attribute, description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			attribute: identityschema.Int64Attribute{Description: description, RequiredForImport: true},
		},
	}
}

func stringIdentitySchema(attribute, description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			attribute: identityschema.StringAttribute{Description: description, RequiredForImport: true},
		},
	}
}

// setIdentity records a resource's identity. identity is nil only where the framework offers none.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, model any, diags *diag.Diagnostics) {
	if identity != nil && !identityHolds(ctx, identity, model) {
		diags.Append(identity.Set(ctx, model)...)
	}
}

// identityHolds reports whether identity records model already, as it does in every refresh but the
// first: comparing each attribute costs a fraction of the framework's Set, which reflects over the model
// and its struct tags on every call.
func identityHolds(ctx context.Context, identity *tfsdk.ResourceIdentity, model any) bool {
	var recorded map[string]tftypes.Value
	if !identity.Raw.IsFullyKnown() || identity.Raw.IsNull() || identity.Raw.As(&recorded) != nil {
		return false
	}
	fields := reflect.ValueOf(model)
	if fields.Kind() != reflect.Struct || fields.NumField() != len(recorded) {
		return false
	}
	for i := range fields.NumField() {
		value, ok := fields.Field(i).Interface().(attr.Value)
		if !ok {
			return false
		}
		want, err := value.ToTerraformValue(ctx)
		if err != nil || !recorded[fields.Type().Field(i).Tag.Get("tfsdk")].Equal(want) {
			return false
		}
	}
	return true
}

// importedNumber reads the positive number an import names: the import ID (`terraform import`, or an
// import block's id), or else the identity attribute of an import block's identity. what names the
// object for the error message.
func importedNumber(ctx context.Context, req resource.ImportStateRequest, attribute, what string, diags *diag.Diagnostics) (int64, bool) {
	if req.ID != "" || req.Identity == nil {
		return parseImportID(req.ID, what, diags)
	}
	var id types.Int64
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(attribute), &id)...)
	if diags.HasError() {
		return 0, false
	}
	if id.IsNull() || id.IsUnknown() || id.ValueInt64() <= 0 {
		diags.AddError("Invalid import identity",
			fmt.Sprintf("The identity's %s must be the numeric id of a %s, such as %s = 12, got %s.", attribute, what, attribute, id))
		return 0, false
	}
	return id.ValueInt64(), true
}

// importedString reads the string an import names: the import ID, or else the identity attribute of
// an import block's identity. An empty or missing value is an error that names the attribute.
func importedString(ctx context.Context, req resource.ImportStateRequest, attribute, example string, diags *diag.Diagnostics) (string, bool) {
	if req.ID != "" || req.Identity == nil {
		return req.ID, true
	}
	var value types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(attribute), &value)...)
	if diags.HasError() {
		return "", false
	}
	if value.ValueString() == "" {
		diags.AddError("Invalid import identity",
			fmt.Sprintf("The identity's %s must be set, such as %s = %q.", attribute, attribute, example))
		return "", false
	}
	return value.ValueString(), true
}
