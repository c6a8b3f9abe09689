package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var (
	_ resource.ResourceWithConfigure   = &RoleGroupResource{}
	_ resource.ResourceWithImportState = &RoleGroupResource{}
	_ resource.ResourceWithIdentity    = &RoleGroupResource{}
)

// NewRoleGroupResource is the factory of synerise_role_group.
func NewRoleGroupResource() resource.Resource {
	return &RoleGroupResource{numberedCRUD[RoleGroupResourceModel, iam.RoleGroup, iam.RoleGroupInput]{
		kind: "role group", findIDs: "the data source synerise_role_groups lists every group with its id.", model: roleGroupModel,
		create: (*iam.Client).CreateRoleGroup, list: (*iam.Client).RoleGroupFromListing, update: (*iam.Client).UpdateRoleGroup,
	}}
}

// RoleGroupResource manages one role group.
type RoleGroupResource struct {
	numberedCRUD[RoleGroupResourceModel, iam.RoleGroup, iam.RoleGroupInput]
}

// RoleGroupResourceModel is the state of synerise_role_group.
type RoleGroupResourceModel struct {
	ID          types.Int64  `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
}

func (r *RoleGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_group"
}

func (r *RoleGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A role group of the workspace: a named set of roles. A new group has no roles; " +
			"a `synerise_role` names the group it belongs to. Destroying the resource deletes the group, which the API " +
			"refuses while the group still contains roles; Terraform destroys the roles that refer to the group first.\n\n" +
			"The API does not stop two groups from sharing a name, so a create whose answer is lost is not sent again " +
			"blindly: the provider looks for a group of that name that was not there before the create, and takes it. " +
			"Should that lookup fail too, for as long as the provider retries, the create fails with an error saying the " +
			"group *may have been created*: look for it (`data.synerise_role_groups`) before applying again, and import " +
			"it if it is there, or the next apply creates a second one.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Description:   "Numeric id of the role group, assigned by Synerise.",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Description: "Name of the role group, as shown in the Synerise app.",
				Required:    true,
				Validators:  nameValidators(),
			},
			"description": schema.StringAttribute{
				Description: "Description of the role group. Defaults to an empty string.",
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString(""),
			},
		},
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *RoleGroupResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = numericIdentitySchema("id", "Numeric id of the role group, the same as its import ID.")
}

// Read writes the group's state whenever it finds the group; only the role's Read, of the kind a
// workspace holds by the thousand, first compares the two (see RoleResource.Read).
func (r *RoleGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if refreshed, _, ok := r.refresh(ctx, req, resp); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, refreshed)...)
	}
}

func (r *RoleGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state RoleGroupResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteRoleGroup(ctx, state.ID.ValueInt64())
	switch {
	case err == nil, iam.IsNotFound(err):
	case iam.IsConflict(err):
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot delete role group %d", state.ID.ValueInt64()),
			err.Error()+"\n\nThe group still contains roles. Delete its roles or move them to another group (change their group_id) first.")
	default:
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot delete role group %d", state.ID.ValueInt64()), err)
	}
}

func (m RoleGroupResourceModel) numberedID() types.Int64 { return m.ID }

func (m RoleGroupResourceModel) label() string { return m.Name.ValueString() }

func (m RoleGroupResourceModel) input() iam.RoleGroupInput {
	return iam.RoleGroupInput{Name: m.Name.ValueString(), Description: m.Description.ValueString()}
}

func roleGroupModel(g *iam.RoleGroup) RoleGroupResourceModel {
	return RoleGroupResourceModel{
		ID:          types.Int64Value(g.ID),
		Name:        types.StringValue(g.Name),
		Description: types.StringValue(g.Description),
	}
}
