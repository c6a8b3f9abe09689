package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var (
	_ resource.ResourceWithConfigure   = &RoleResource{}
	_ resource.ResourceWithImportState = &RoleResource{}
	_ resource.ResourceWithIdentity    = &RoleResource{}
)

// NewRoleResource is the factory of synerise_role.
func NewRoleResource() resource.Resource {
	return &RoleResource{numberedCRUD[RoleResourceModel, iam.Role, iam.RoleInput]{
		kind: "role", findIDs: "the data source synerise_available_roles lists every role with its id.", model: roleModel,
		create: (*iam.Client).CreateRole, list: (*iam.Client).RoleFromListing, update: (*iam.Client).UpdateRole,
	}}
}

// RoleResource manages one user role.
type RoleResource struct {
	numberedCRUD[RoleResourceModel, iam.Role, iam.RoleInput]
}

// RoleResourceModel is the state of synerise_role.
type RoleResourceModel struct {
	ID          types.Int64  `tfsdk:"id"`
	GroupID     wholeNumber  `tfsdk:"group_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
}

func (r *RoleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role"
}

func (r *RoleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A user role of the workspace. Every role belongs to one role group; changing `group_id` moves " +
			"the role to another group in place, keeping its id, its members and its permissions. Destroying the resource " +
			"deletes the role: the users who had it lose it, and its PII setting goes with it.\n\n" +
			"The API does not stop two roles of one group from sharing a name, so a create whose answer is lost is not " +
			"sent again blindly: the provider looks for a role of that group and name that was not there before the " +
			"create, and takes it. Should that lookup fail too, for as long as the provider retries, the create fails with " +
			"an error saying the role *may have been created*: look for it (`data.synerise_role`) before applying again, " +
			"and import it if it is there, or the next apply creates a second one.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Description:   "Numeric id of the role, assigned by Synerise. Invitations and users refer to roles by this id.",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"group_id": schema.Int64Attribute{
				CustomType:  wholeNumberType{},
				Description: "Id of the role group that contains the role, usually `synerise_role_group.<name>.id`.",
				Required:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
			"name": schema.StringAttribute{
				Description: "Name of the role, as shown in the Synerise app.",
				Required:    true,
				Validators:  nameValidators(),
			},
			"description": schema.StringAttribute{
				Description: "Description of the role. Defaults to an empty string.",
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString(""),
			},
		},
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *RoleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = numericIdentitySchema("id", "Numeric id of the role, the same as its import ID.")
}

// Read leaves the state alone when the role is as it has it (see sameModel): a refresh of thousands
// of roles would otherwise spend a good part of its allocations rewriting identical state.
func (r *RoleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if refreshed, state, ok := r.refresh(ctx, req, resp); ok && !sameModel(refreshed, state) {
		resp.Diagnostics.Append(resp.State.Set(ctx, refreshed)...)
	}
}

func (r *RoleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state RoleResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteRole(ctx, state.ID.ValueInt64()); err != nil && !iam.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot delete role %d", state.ID.ValueInt64()), err)
	}
}

func (m RoleResourceModel) numberedID() types.Int64 { return m.ID }

func (m RoleResourceModel) label() string { return m.Name.ValueString() }

func (m RoleResourceModel) input() iam.RoleInput {
	return iam.RoleInput{Group: m.GroupID.ValueInt64(), Name: m.Name.ValueString(), Description: m.Description.ValueString()}
}

func roleModel(r *iam.Role) RoleResourceModel {
	return RoleResourceModel{
		ID:          types.Int64Value(r.ID),
		GroupID:     newWholeNumber(r.Group),
		Name:        types.StringValue(r.Name),
		Description: types.StringValue(r.Description),
	}
}
