package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithUpgradeState = &InvitationResource{}

// invitationModelV0 is the state of synerise_invitation before active.
type invitationModelV0 struct {
	ID              types.Int64       `tfsdk:"id"`
	Email           types.String      `tfsdk:"email"`
	FirstName       types.String      `tfsdk:"first_name"`
	LastName        types.String      `tfsdk:"last_name"`
	RoleIDs         types.Set         `tfsdk:"role_ids"`
	AccessExpiresAt timetypes.RFC3339 `tfsdk:"access_expires_at"`
	Status          types.String      `tfsdk:"status"`
}

// UpgradeState upgrades states of version 0, which had no active: it follows the status, so that a
// member deactivated before the upgrade reads as inactive even before the next refresh.
func (r *InvitationResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {
			PriorSchema: &schema.Schema{
				Attributes: map[string]schema.Attribute{
					"id":                schema.Int64Attribute{Computed: true},
					"email":             schema.StringAttribute{Required: true},
					"first_name":        schema.StringAttribute{Optional: true, Computed: true},
					"last_name":         schema.StringAttribute{Optional: true, Computed: true},
					"role_ids":          schema.SetAttribute{ElementType: types.Int64Type, Required: true},
					"access_expires_at": schema.StringAttribute{CustomType: timetypes.RFC3339Type{}, Optional: true},
					"status":            schema.StringAttribute{Computed: true},
				},
			},
			StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
				var prior invitationModelV0
				resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
				if resp.Diagnostics.HasError() {
					return
				}
				resp.Diagnostics.Append(resp.State.Set(ctx, memberModel{
					ID: prior.ID, Email: prior.Email, FirstName: prior.FirstName, LastName: prior.LastName, RoleIDs: prior.RoleIDs,
					AccessExpiresAt: prior.AccessExpiresAt, Active: activeFromStatus(prior.Status.ValueString(), types.BoolNull()),
					Status: prior.Status,
				})...)
			},
		},
	}
}
