package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var (
	_ resource.ResourceWithConfigure   = &RolePIIResource{}
	_ resource.ResourceWithImportState = &RolePIIResource{}
	_ resource.ResourceWithIdentity    = &RolePIIResource{}
)

// NewRolePIIResource is the factory of synerise_role_pii.
func NewRolePIIResource() resource.Resource {
	return &RolePIIResource{}
}

// RolePIIResource manages whether one role may see personal data.
type RolePIIResource struct {
	client *iam.Client
}

// RolePIIResourceModel is the state of synerise_role_pii.
type RolePIIResourceModel struct {
	RoleID    wholeNumber `tfsdk:"role_id"`
	PIIAccess types.Bool  `tfsdk:"pii_access"`
}

func (r *RolePIIResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_pii"
}

func (r *RolePIIResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Whether one role may see personally identifiable information (PII) of profiles in the workspace. " +
			"Every role has exactly one such setting, so declare at most one `synerise_role_pii` per role. " +
			"Destroying the resource returns the role to no PII access.",
		Attributes: map[string]schema.Attribute{
			"role_id": schema.Int64Attribute{
				CustomType:    wholeNumberType{},
				Description:   "Numeric id of the role, usually `synerise_role.<name>.id`. Changing it manages another role's setting.",
				Required:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"pii_access": schema.BoolAttribute{
				Description: "Whether users with this role see personal data unmasked. Defaults to `true`: declaring the resource grants access.",
				Optional:    true,
				Computed:    true,
				Default:     booldefault.StaticBool(true),
			},
		},
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *RolePIIResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = numericIdentitySchema("role_id", "Numeric id of the role whose setting this is, the same as the import ID.")
}

func (r *RolePIIResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *RolePIIResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan RolePIIResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state, ok := r.set(ctx, plan, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		setIdentity(ctx, resp.Identity, rolePIIIdentity{RoleID: types.Int64Value(plan.RoleID.ValueInt64())}, &resp.Diagnostics)
	}
}

func (r *RolePIIResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan RolePIIResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state, ok := r.set(ctx, plan, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		setIdentity(ctx, resp.Identity, rolePIIIdentity{RoleID: types.Int64Value(plan.RoleID.ValueInt64())}, &resp.Diagnostics)
	}
}

func (r *RolePIIResource) set(ctx context.Context, plan RolePIIResourceModel, diags *diag.Diagnostics) (RolePIIResourceModel, bool) {
	roleID := plan.RoleID.ValueInt64()
	pii, err := r.client.SetRolePII(ctx, roleID, plan.PIIAccess.ValueBool())
	if err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot set the PII access of role %d", roleID), err)
		return plan, false
	}
	return rolePIIModel(roleID, pii), true
}

func (r *RolePIIResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state RolePIIResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roleID := state.RoleID.ValueInt64()
	setIdentity(ctx, resp.Identity, rolePIIIdentity{RoleID: types.Int64Value(roleID)}, &resp.Diagnostics)
	pii, err := r.client.RolePIIShared(ctx, roleID)
	if iam.IsNotFound(err) {
		// The role is gone, and its setting with it.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the PII access of role %d", roleID), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, rolePIIModel(roleID, pii))...)
}

func (r *RolePIIResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state RolePIIResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roleID := state.RoleID.ValueInt64()
	if _, err := r.client.SetRolePII(ctx, roleID, false); err != nil && !iam.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot withdraw the PII access of role %d", roleID), err)
	}
}

func (r *RolePIIResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importedNumber(ctx, req, "role_id", "role", &resp.Diagnostics)
	if !ok {
		return
	}
	_, err := r.client.GetRolePII(ctx, id)
	if !importFound(&resp.Diagnostics, fmt.Sprintf("role %d", id), "the import ID of synerise_role_pii is the id of its role, which the data source synerise_available_roles lists.", err) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_id"), id)...)
	setIdentity(ctx, resp.Identity, rolePIIIdentity{RoleID: types.Int64Value(id)}, &resp.Diagnostics)
}

func rolePIIModel(roleID int64, pii *iam.RolePII) RolePIIResourceModel {
	return RolePIIResourceModel{RoleID: newWholeNumber(roleID), PIIAccess: types.BoolValue(pii.PIIAccess)}
}
