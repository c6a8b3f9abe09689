package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// invitationsModelV0 is the state of synerise_invitations before labels: members keyed by address.
type invitationsModelV0 struct {
	ID      types.String             `tfsdk:"id"`
	Members map[string]memberModelV0 `tfsdk:"members"`
}

type memberModelV0 struct {
	FirstName types.String `tfsdk:"first_name"`
	LastName  types.String `tfsdk:"last_name"`
	RoleIDs   types.Set    `tfsdk:"role_ids"`
	ID        types.Int64  `tfsdk:"id"`
	Status    types.String `tfsdk:"status"`
}

// invitationsSchemaV0 is the schema of version 0, as far as reading a state of it needs.
func invitationsSchemaV0() *schema.Schema {
	return &schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true},
			"members": schema.MapNestedAttribute{
				Required: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"first_name": schema.StringAttribute{Optional: true, Computed: true},
						"last_name":  schema.StringAttribute{Optional: true, Computed: true},
						"role_ids":   schema.SetAttribute{ElementType: types.Int64Type, Required: true},
						"id":         schema.Int64Attribute{Computed: true},
						"status":     schema.StringAttribute{Computed: true},
					},
				},
			},
		},
	}
}

// UpgradeState upgrades states of version 0, whose members were keyed by address: each address
// becomes both the member's label and its email, so the configuration may keep its keys as labels
// (and add the email) without a change to the workspace.
func (r *InvitationsResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {
			PriorSchema: invitationsSchemaV0(),
			StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
				var prior invitationsModelV0
				resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
				if resp.Diagnostics.HasError() {
					return
				}
				resp.Diagnostics.Append(resp.State.Set(ctx, upgradeInvitationsV0(prior))...)
			},
		},
	}
}

// upgradeInvitationsV0 maps a version 0 state onto version 1. The access expiration was not managed:
// it is null, and the next refresh reads it from the API.
func upgradeInvitationsV0(prior invitationsModelV0) InvitationsResourceModel {
	members := make(map[string]memberModel, len(prior.Members))
	for email, m := range prior.Members {
		members[email] = memberModel{
			ID: m.ID, Email: types.StringValue(email), FirstName: m.FirstName, LastName: m.LastName, RoleIDs: m.RoleIDs,
			AccessExpiresAt: timetypes.NewRFC3339Null(), Active: activeFromStatus(m.Status.ValueString(), types.BoolNull()),
			Status: m.Status,
		}
	}
	return InvitationsResourceModel{ID: prior.ID, Members: members}
}
