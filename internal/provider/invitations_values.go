package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// synerise_invitations holds thousands of members in one value, so it is read and written through the
// framework's values (types.Map of types.Object) and converted by hand, never through the framework's
// reflection on map[string]memberModel: reflection reads every member's struct tags again, compiling a
// regular expression per field and member, and was most of the provider's own time in a plan of
// 2,500 members. Every request reads each value it needs once.

// invitationsValues is the state, plan or configuration of synerise_invitations as framework values.
type invitationsValues struct {
	ID      types.String `tfsdk:"id"`
	Members types.Map    `tfsdk:"members"`
}

// valueGetter and valueSetter are the tfsdk.Config, Plan and State methods the conversions use.
type valueGetter interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

type valueSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}

// memberAttributeTypes is the type of one member of synerise_invitations, as its schema declares it
// (memberTermsAttributes and the resource's own attributes).
var memberAttributeTypes = map[string]attr.Type{
	"id":                      types.Int64Type,
	"email":                   types.StringType,
	"first_name":              types.StringType,
	"last_name":               types.StringType,
	"role_ids":                types.SetType{ElemType: types.Int64Type},
	"access_expires_at":       timetypes.RFC3339Type{},
	"active":                  types.BoolType,
	"status":                  types.StringType,
	tokenOwnerAcknowledgement: types.BoolType,
}

// readInvitations reads the id and the members of synerise_invitations from a plan or a state. known is
// false when the members, or one of them as a whole, are unknown until apply; members is then nil.
func readInvitations(ctx context.Context, from valueGetter, diags *diag.Diagnostics) (model InvitationsResourceModel, known bool) {
	var values invitationsValues
	diags.Append(from.Get(ctx, &values)...)
	if diags.HasError() {
		return InvitationsResourceModel{}, false
	}
	model.ID = values.ID
	if values.Members.IsUnknown() {
		return model, false
	}
	if values.Members.IsNull() {
		return model, true
	}
	elements := values.Members.Elements()
	model.Members = make(map[string]memberModel, len(elements))
	for label, element := range elements {
		object, ok := element.(types.Object)
		if !ok || object.IsUnknown() {
			return InvitationsResourceModel{ID: model.ID}, false
		}
		model.Members[label] = memberFromObject(object)
	}
	return model, true
}

// memberFromObject converts one member; an attribute of another type than memberAttributeTypes says
// reads as the zero value, which the framework never hands over for this schema.
func memberFromObject(object types.Object) memberModel {
	attributes := object.Attributes()
	m := memberModel{}
	m.ID, _ = attributes["id"].(types.Int64)
	m.Email, _ = attributes["email"].(types.String)
	m.FirstName, _ = attributes["first_name"].(types.String)
	m.LastName, _ = attributes["last_name"].(types.String)
	m.RoleIDs, _ = attributes["role_ids"].(types.Set)
	m.AccessExpiresAt, _ = attributes["access_expires_at"].(timetypes.RFC3339)
	m.Active, _ = attributes["active"].(types.Bool)
	m.Status, _ = attributes["status"].(types.String)
	m.AllowTokenOwnerLockout, _ = attributes[tokenOwnerAcknowledgement].(types.Bool)
	return m
}

// memberObject converts one member back; values the model leaves unset (the zero value of a framework
// type is null) are written as null.
func memberObject(m memberModel) (types.Object, diag.Diagnostics) {
	roleIDs := m.RoleIDs
	if roleIDs.ElementType(context.Background()) == nil {
		roleIDs = types.SetNull(types.Int64Type)
	}
	return types.ObjectValue(memberAttributeTypes, map[string]attr.Value{
		"id":                      m.ID,
		"email":                   m.Email,
		"first_name":              m.FirstName,
		"last_name":               m.LastName,
		"role_ids":                roleIDs,
		"access_expires_at":       m.AccessExpiresAt,
		"active":                  m.Active,
		"status":                  m.Status,
		tokenOwnerAcknowledgement: m.AllowTokenOwnerLockout,
	})
}

// writeInvitations writes the id and the members of synerise_invitations to a plan or a state.
func writeInvitations(ctx context.Context, to valueSetter, model InvitationsResourceModel, diags *diag.Diagnostics) {
	elements := make(map[string]attr.Value, len(model.Members))
	for label, m := range model.Members {
		object, d := memberObject(m)
		if d.HasError() {
			diags.Append(d...)
			diags.AddError("Cannot record a member", fmt.Sprintf("The member %q does not fit the schema; this is a bug in the provider, please report it.", label))
			return
		}
		elements[label] = object
	}
	members, d := types.MapValue(types.ObjectType{AttrTypes: memberAttributeTypes}, elements)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	diags.Append(to.Set(ctx, invitationsValues{ID: model.ID, Members: members})...)
}
