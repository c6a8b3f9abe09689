package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var (
	_ resource.ResourceWithConfigure   = &InvitationResource{}
	_ resource.ResourceWithImportState = &InvitationResource{}
	_ resource.ResourceWithModifyPlan  = &InvitationResource{}
	_ resource.ResourceWithIdentity    = &InvitationResource{}
)

// emailPattern is deliberately loose: one @, no spaces, a dot in the domain. The API has the last word.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// NewInvitationResource is the factory of synerise_invitation.
func NewInvitationResource() resource.Resource {
	return &InvitationResource{}
}

// InvitationResource manages the membership of one email address in the workspace.
type InvitationResource struct {
	client     *iam.Client
	tokenOwner iam.Account
}

func (r *InvitationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invitation"
}

func (r *InvitationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attributes := memberTermsAttributes()
	maps.Copy(attributes, map[string]schema.Attribute{
		"id": schema.Int64Attribute{
			Description:   "Numeric id of the user; while the invitation is pending it is also the invitation id.",
			Computed:      true,
			PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
		"email": schema.StringAttribute{
			Description: "Email address of the person. Addresses are compared without regard to case, as the API " +
				"compares them, and the state keeps the configuration's spelling: a change of case only is an update " +
				"that sends nothing and keeps the member. Any other change invites another person (replacement).",
			Required:      true,
			Validators:    []validator.String{stringvalidator.RegexMatches(emailPattern, "must be an email address such as ada@example.com")},
			PlanModifiers: []planmodifier.String{requiresReplaceUnlessRespelled("email")},
		},
		"status": schema.StringAttribute{
			Description: "`PENDING` until the invitation is accepted, then `ACTIVE`; `EXPIRED` for an invitation " +
				"that was not accepted in time (planned for replacement, with a warning, unless `active` is `false`); " +
				"`INACTIVE` for a deactivated member. A workspace may also answer `EXPIRED` for a member whose " +
				"`access_expires_at` has passed: such a member is never invited again; a later `access_expires_at` " +
				"gives them access back.",
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	})
	resp.Schema = schema.Schema{
		Version: 1,
		Description: "The membership of one email address in the workspace, from invitation to active member.\n\n" +
			"Creating the resource invites the address; the person accepts by email, and `status` turns from " +
			"`PENDING` to `ACTIVE` on the next refresh. Names, roles and access expiration stay manageable in both " +
			"states, and a member who accepted can be deactivated with `active = false`. An invitation that expired " +
			"(`EXPIRED`) before it was accepted is planned for replacement, which sends a new invitation, and the plan warns " +
			"of it; a member whose `access_expires_at` has passed is never invited again. Destroying the resource deletes a " +
			"pending invitation, or removes a member from the workspace; it never deletes the person's Synerise account. " +
			"An update of a member who accepted sends back, as they are, the fields of the user Terraform does not " +
			"manage (phone, language, avatar, ...), read just before.\n\n" +
			"An invitation is sent once: should its answer be lost, the provider looks the address up and adopts the " +
			"invitation it finds, if the address was not there before. When even the look-up keeps failing, the error says " +
			"the invitation *may have been sent*: if `data.synerise_users` lists the address, import it by email instead of " +
			"applying again (which the API would refuse as a duplicate).",
		Attributes: attributes,
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *InvitationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = numericIdentitySchema("id", "Numeric id of the user (of a pending invitation, also the invitation id), as the import ID may give it.")
}

func (r *InvitationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.tokenOwner = tokenOwnerFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan replaces an expired invitation, since a new one is the only cure, unless active is false;
// refuses to deactivate a pending invitation; and plans the status a change of active brings.
//
// State and plan are decoded once and handed to the token owner's guard: a decode of each is a fair
// share of what a plan of many invitations allocates.
func (r *InvitationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state, plan *InvitationResourceModel
	if !req.State.Raw.IsNull() {
		state = &InvitationResourceModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if !req.Plan.Raw.IsNull() {
		plan = &InvitationResourceModel{}
		resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if state != nil {
		warnIfLockedOut(r.tokenOwner, *state, plan, path.Empty(), &resp.Diagnostics)
	}
	switch {
	case plan == nil:
		// A destroy: the guard above is all there is to plan.
	case state == nil:
		if deactivationRefused(nil, *plan) {
			addDeactivationRefused(&resp.Diagnostics, path.Root("active"), plan.Email.ValueString())
		}
	// An expired invitation whose active is known only at apply is left as it is for now: replacing it
	// would withdraw it before learning that active = false means to keep it. The next plan, with
	// active known, sends it again if it must.
	case reinvited(*state, *plan) && !plan.Active.IsUnknown():
		addReinvitationWarning(&resp.Diagnostics, path.Root("status"), plan.Email.ValueString())
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), types.StringUnknown())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.Int64Unknown())...)
		resp.RequiresReplace.Append(path.Root("status"))
	case deactivationRefused(state, *plan):
		addDeactivationRefused(&resp.Diagnostics, path.Root("active"), plan.Email.ValueString())
	default:
		// Most plans keep the status, which the plan holds already from the state.
		if status := plannedStatus(*state, *plan); !status.Equal(plan.Status) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), status)...)
		}
	}
}

func (r *InvitationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan InvitationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Known only now when the plan could not tell: refused before anything is sent.
	if deactivationRefused(nil, plan) {
		addDeactivationRefused(&resp.Diagnostics, path.Root("active"), plan.Email.ValueString())
		return
	}
	roles := int64Elements(ctx, plan.RoleIDs, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	user, err := r.client.InviteUser(ctx, iam.Invitation{
		Email: plan.Email.ValueString(), FirstName: plan.FirstName.ValueString(), LastName: plan.LastName.ValueString(), Roles: roles,
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot invite %s", plan.Email.ValueString()), err)
		return
	}
	// The invitation exists from here on: record it before anything else can fail.
	resp.Diagnostics.Append(resp.State.Set(ctx, invitationModel(user, plan))...)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: types.Int64Value(user.ID)}, &resp.Diagnostics)
	if plan.AccessExpiresAt.IsNull() {
		return
	}
	setAccessExpiration(ctx, r.client, user.ID, plan.Email.ValueString(), plan.AccessExpiresAt, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.readInto(ctx, r.client.GetUser, user.ID, plan, &resp.State, &resp.Diagnostics)
}

func (r *InvitationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state InvitationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, numericIdentity{ID: state.ID}, &resp.Diagnostics)
	r.readInto(ctx, r.client.UserFromListing, state.ID.ValueInt64(), state, heldState{State: &resp.State, held: state}, &resp.Diagnostics)
}

// stateSetter is the part of tfsdk.State that readInto needs.
type stateSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
	RemoveResource(ctx context.Context)
}

// heldState is a refreshed state that holds the model held already, as a Read's does: setting it to
// an equal model again is left out.
type heldState struct {
	*tfsdk.State
	held InvitationResourceModel
}

func (s heldState) Set(ctx context.Context, val any) diag.Diagnostics {
	if refreshed, ok := val.(InvitationResourceModel); ok && sameModel(refreshed, s.held) {
		return nil
	}
	return s.State.Set(ctx, val)
}

// readInto reads user id with get: after a write, the user alone (GetUser); in a refresh, from the
// listing that every invitation of the run shares (UserFromListing).
func (r *InvitationResource) readInto(ctx context.Context, get func(context.Context, int64) (*iam.User, error), id int64,
	prior InvitationResourceModel, state stateSetter, diags *diag.Diagnostics) {
	user, err := get(ctx, id)
	if iam.IsNotFound(err) {
		state.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot read user %d", id), err)
		return
	}
	diags.Append(state.Set(ctx, invitationModel(user, prior))...)
}

func (r *InvitationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state InvitationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, numericIdentity{ID: state.ID}, &resp.Diagnostics)
	if deactivationRefused(&state, plan) {
		addDeactivationRefused(&resp.Diagnostics, path.Root("active"), plan.Email.ValueString())
		return
	}
	// A respelled email address or expiration alone changes nothing the API keeps: nothing is sent.
	sent := updateMembership(ctx, r.client, state, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	change, activates := activationChangeOf(state, plan)
	if activates && !setActivations(ctx, r.client, []activationChange{change}, &resp.Diagnostics) {
		return
	}
	if !sent && !activates && !plan.Status.IsUnknown() {
		// Nothing was sent, so the plan is what the workspace holds; reading the member back could find
		// an invitation accepted since the refresh, which the plan promised as PENDING.
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	r.readInto(ctx, r.client.GetUser, state.ID.ValueInt64(), plan, &resp.State, &resp.Diagnostics)
}

func (r *InvitationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state InvitationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	invited := !acceptedInvitation(state.Status)
	if err := removeMembers(ctx, r.client, invited, []int64{state.ID.ValueInt64()}); err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot remove %s from the workspace", state.Email.ValueString()), err)
	}
}

// ImportState takes the user id, or an email address that is looked up among the workspace's users;
// an identity gives the user id.
func (r *InvitationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !strings.Contains(req.ID, "@") {
		id, ok := importedNumber(ctx, req, "id", "user (or an email address)", &resp.Diagnostics)
		if !ok {
			return
		}
		_, err := r.client.UserFromListing(ctx, id)
		if iam.IsNotFound(err) {
			resp.Diagnostics.AddError("No such member", fmt.Sprintf("There is no user %d in the workspace, neither a member "+
				"nor an invitation. List the workspace's users with the synerise_users data source, or import by email address.", id))
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot look up user %d", id), err)
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
		setIdentity(ctx, resp.Identity, numericIdentity{ID: types.Int64Value(id)}, &resp.Diagnostics)
		return
	}
	users, err := r.client.ListUsers(ctx, iam.UserFilter{Search: req.ID})
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot look up %s", req.ID), err)
		return
	}
	i := slices.IndexFunc(users, func(u iam.User) bool { return strings.EqualFold(u.Email, req.ID) })
	if i < 0 {
		resp.Diagnostics.AddError("No such member", fmt.Sprintf("No user or invitation of the workspace has the email address %s.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), users[i].ID)...)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: types.Int64Value(users[i].ID)}, &resp.Diagnostics)
}
