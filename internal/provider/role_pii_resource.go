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
)

var (
	_ resource.ResourceWithConfigure   = &RolePiiResource{}
	_ resource.ResourceWithImportState = &RolePiiResource{}
	_ resource.ResourceWithIdentity    = &RolePiiResource{}
)

// NewRolePiiResource is the factory of synerise_role_pii.
func NewRolePiiResource() resource.Resource {
	return &RolePiiResource{}
}

// RolePiiResource manages whether one role may see personal data.
type RolePiiResource struct {
	client *iam.Client
}

// RolePiiResourceModel is the state of synerise_role_pii.
type RolePiiResourceModel struct {
	RoleID    wholeNumber `tfsdk:"role_id"`
	PiiAccess types.Bool  `tfsdk:"pii_access"`
}

func (r *RolePiiResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_pii"
}

func (r *RolePiiResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
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
}

func (r *RolePiiResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = numericIdentitySchema("role_id", "Numeric id of the role whose setting this is, the same as the import ID.")
}

func (r *RolePiiResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *RolePiiResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan RolePiiResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state, ok := r.set(ctx, plan, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		setIdentity(ctx, resp.Identity, rolePiiIdentity{RoleID: types.Int64Value(plan.RoleID.ValueInt64())}, &resp.Diagnostics)
	}
}

func (r *RolePiiResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan RolePiiResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state, ok := r.set(ctx, plan, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		setIdentity(ctx, resp.Identity, rolePiiIdentity{RoleID: types.Int64Value(plan.RoleID.ValueInt64())}, &resp.Diagnostics)
	}
}

func (r *RolePiiResource) set(ctx context.Context, plan RolePiiResourceModel, diags *diag.Diagnostics) (RolePiiResourceModel, bool) {
	roleID := plan.RoleID.ValueInt64()
	pii, err := r.client.SetRolePii(ctx, roleID, plan.PiiAccess.ValueBool())
	if err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot set the PII access of role %d", roleID), err)
		return plan, false
	}
	return rolePiiModel(roleID, pii), true
}

func (r *RolePiiResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state RolePiiResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roleID := state.RoleID.ValueInt64()
	setIdentity(ctx, resp.Identity, rolePiiIdentity{RoleID: types.Int64Value(roleID)}, &resp.Diagnostics)
	pii, err := r.client.GetRolePii(ctx, roleID)
	if iam.IsNotFound(err) {
		// The role is gone, and its setting with it.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the PII access of role %d", roleID), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, rolePiiModel(roleID, pii))...)
}

func (r *RolePiiResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state RolePiiResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roleID := state.RoleID.ValueInt64()
	if _, err := r.client.SetRolePii(ctx, roleID, false); err != nil && !iam.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot withdraw the PII access of role %d", roleID), err)
	}
}

func (r *RolePiiResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importedNumber(ctx, req, "role_id", "role", &resp.Diagnostics)
	if !ok {
		return
	}
	_, err := r.client.GetRolePii(ctx, id)
	if !importFound(&resp.Diagnostics, fmt.Sprintf("role %d", id), "the import ID of synerise_role_pii is the id of its role, which the data source synerise_available_roles lists.", err) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_id"), id)...)
	setIdentity(ctx, resp.Identity, rolePiiIdentity{RoleID: types.Int64Value(id)}, &resp.Diagnostics)
}

func rolePiiModel(roleID int64, pii *iam.RolePii) RolePiiResourceModel {
	return RolePiiResourceModel{RoleID: newWholeNumber(roleID), PiiAccess: types.BoolValue(pii.PiiAccess)}
}
