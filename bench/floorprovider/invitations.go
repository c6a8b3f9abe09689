package main

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// invitationsModel is floor_invitations: the members by label, read into Go values as the provider
// reads synerise_invitations'.
type invitationsModel struct {
	identity
	Members map[string]memberModel `tfsdk:"members"`
}

// memberModel has the attributes of a member of synerise_invitations.
type memberModel struct {
	ID                     types.Int64  `tfsdk:"id"`
	Email                  types.String `tfsdk:"email"`
	FirstName              types.String `tfsdk:"first_name"`
	LastName               types.String `tfsdk:"last_name"`
	RoleIDs                types.Set    `tfsdk:"role_ids"`
	AccessExpiresAt        types.String `tfsdk:"access_expires_at"`
	Active                 types.Bool   `tfsdk:"active"`
	Status                 types.String `tfsdk:"status"`
	AllowTokenOwnerLockout types.Bool   `tfsdk:"allow_token_owner_lockout"`
}

// identify gives the resource its id and each new member an id and the status of a fresh invitation.
func (m *invitationsModel) identify() {
	m.identity.identify()
	for label, member := range m.Members {
		if member.ID.IsUnknown() {
			member.ID = types.Int64Value(int64(lastID.Add(1)))
		}
		if member.Status.IsUnknown() {
			member.Status = types.StringValue("PENDING")
		}
		m.Members[label] = member
	}
}

func invitationsSchema() schema.Schema {
	return stateSchema("Members kept in state only, with the attributes of synerise_invitations' members.", map[string]schema.Attribute{
		"members": schema.MapNestedAttribute{
			Description:  "Members by label.",
			Required:     true,
			NestedObject: schema.NestedAttributeObject{Attributes: memberAttributes()},
		},
	})
}

// memberAttributes are those of a member of synerise_invitations; the computed id and status are kept
// from the state, as the provider's plan keeps them.
func memberAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"email": schema.StringAttribute{Description: "Email address of the member.", Required: true},
		"id": schema.Int64Attribute{
			Description:   "Id given on create.",
			Computed:      true,
			PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
		"status": schema.StringAttribute{
			Description:   "PENDING once created.",
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"first_name": schema.StringAttribute{Description: "First name.", Optional: true, Computed: true, Default: stringdefault.StaticString("")},
		"last_name":  schema.StringAttribute{Description: "Last name.", Optional: true, Computed: true, Default: stringdefault.StaticString("")},
		"role_ids": schema.SetAttribute{
			Description: "Ids of the member's roles.",
			ElementType: types.Int64Type,
			Optional:    true,
			Computed:    true,
			Default:     setdefault.StaticValue(types.SetValueMust(types.Int64Type, []attr.Value{})),
		},
		"access_expires_at":         schema.StringAttribute{Description: "When the member's access ends.", Optional: true},
		"active":                    schema.BoolAttribute{Description: "Whether the member may use the workspace.", Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
		"allow_token_owner_lockout": schema.BoolAttribute{Description: "An acknowledgement kept in state.", Optional: true},
	}
}
