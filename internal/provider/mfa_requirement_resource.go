package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

var (
	_ resource.ResourceWithConfigure   = &MFARequirementResource{}
	_ resource.ResourceWithImportState = &MFARequirementResource{}
	_ resource.ResourceWithIdentity    = &MFARequirementResource{}
)

// mfaRequirementID is the resource's fixed id and import ID.
var mfaRequirementID = settings.MFARequirement.ID()

// NewMFARequirementResource is the factory of synerise_mfa_requirement.
func NewMFARequirementResource() resource.Resource {
	return &MFARequirementResource{}
}

// MFARequirementResource manages whether the workspace admits only users with multi-factor authentication.
type MFARequirementResource struct {
	client *iam.Client
}

// MFARequirementResourceModel is the state of synerise_mfa_requirement.
type MFARequirementResourceModel struct {
	ID        types.String `tfsdk:"id"`
	Enabled   types.Bool   `tfsdk:"enabled"`
	OnDestroy types.String `tfsdk:"on_destroy"`
}

func (r *MFARequirementResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + mfaRequirementID
}

// mfaOnDestroyNotes add to the catalogue's wording of on_destroy in the resource's description.
var mfaOnDestroyNotes = map[string]string{settings.Reset: ", as a new workspace has it"}

func (r *MFARequirementResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Whether only users with multi-factor authentication (MFA) may use the workspace.\n\n" +
			"**Drift is not detected.** The API can enable and disable the requirement but has no way to read it, " +
			"so Terraform knows only what it last set: a change made in the Synerise app does not show in a plan. " +
			"Every create and update writes the configured value, so `terraform apply -replace=synerise_mfa_requirement.<name>` " +
			"re-asserts it. Destroying the resource depends on `on_destroy`: " +
			strings.Join(onDestroyWords(settings.MFARequirement, mfaOnDestroyNotes), "; ") + ". Unlike the settings resources there is no `restore`: " +
			"the API cannot read the requirement, so the provider cannot know what it was before Terraform managed it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "Always `" + mfaRequirementID + "`.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"enabled": schema.BoolAttribute{
				Description: "Whether users must have MFA to access the workspace. Enable it only once the users who manage the " +
					"workspace (the token's user included) have MFA, or they lose access.",
				Required: true,
			},
			"on_destroy": onDestroyAttribute(settings.MFARequirement, nil),
		},
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *MFARequirementResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentitySchema("id", "Always `"+mfaRequirementID+"`: the workspace has one "+settings.MFARequirement.Title+". "+
		"The API cannot read the requirement, so an import by identity leaves `enabled` unknown to the state and the next apply "+
		"writes the configured value; an import ID (`enabled` or `disabled`) says what it is instead.")
}

var mfaRequirementIdentity = fixedIdentity{ID: types.StringValue(mfaRequirementID)}

func (r *MFARequirementResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *MFARequirementResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan MFARequirementResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.set(ctx, plan.Enabled.ValueBool(), &resp.Diagnostics) {
		return
	}
	plan.ID = types.StringValue(mfaRequirementID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, mfaRequirementIdentity, &resp.Diagnostics)
}

// Read keeps the state: the API offers no way to read the requirement.
func (r *MFARequirementResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	setIdentity(ctx, resp.Identity, mfaRequirementIdentity, &resp.Diagnostics)
}

func (r *MFARequirementResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan MFARequirementResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.set(ctx, plan.Enabled.ValueBool(), &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, mfaRequirementIdentity, &resp.Diagnostics)
}

func (r *MFARequirementResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state MFARequirementResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || state.OnDestroy.ValueString() == settings.Retain {
		return
	}
	r.set(ctx, false, &resp.Diagnostics)
}

func (r *MFARequirementResource) set(ctx context.Context, enabled bool, diags *diag.Diagnostics) bool {
	var err error
	if enabled {
		err = r.client.EnableMFARequirement(ctx)
	} else {
		err = r.client.DisableMFARequirement(ctx)
	}
	if err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot %s the %s", map[bool]string{true: "enable", false: "disable"}[enabled], settings.MFARequirement.Title), err)
		return false
	}
	return true
}

// ImportState takes "enabled" or "disabled": the API cannot say which holds, so the importer does. An
// identity cannot say it, so an import by identity leaves enabled null, and the next plan writes the
// configured value.
func (r *MFARequirementResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	enabled := types.BoolNull()
	switch req.ID {
	case "enabled":
		enabled = types.BoolValue(true)
	case "disabled":
		enabled = types.BoolValue(false)
	case "":
		id, ok := importedString(ctx, req, "id", mfaRequirementID, &resp.Diagnostics)
		if !ok {
			return
		}
		if id != mfaRequirementID {
			resp.Diagnostics.AddError("Invalid import identity: id",
				fmt.Sprintf("The workspace has one %s; import it with the id %q, not %q.", settings.MFARequirement.Title, mfaRequirementID, id))
			return
		}
		resp.Diagnostics.AddWarning("The MFA requirement is imported without its value",
			"The API cannot read the MFA requirement, and an identity does not say whether it is enabled, so the next plan "+
				"shows enabled being set and the apply writes the configured value. To import the requirement as it is, "+
				"use the import ID \"enabled\" or \"disabled\" instead of the identity.")
	default:
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The API cannot read the MFA requirement, so the import ID says what it is: \"enabled\" or \"disabled\", not %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), mfaRequirementID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("enabled"), enabled)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("on_destroy"), settings.Reset)...)
	setIdentity(ctx, resp.Identity, mfaRequirementIdentity, &resp.Diagnostics)
}
