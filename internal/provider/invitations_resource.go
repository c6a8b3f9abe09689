package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var (
	_ resource.ResourceWithConfigure      = &InvitationsResource{}
	_ resource.ResourceWithImportState    = &InvitationsResource{}
	_ resource.ResourceWithModifyPlan     = &InvitationsResource{}
	_ resource.ResourceWithValidateConfig = &InvitationsResource{}
	_ resource.ResourceWithIdentity       = &InvitationsResource{}
)

// invitationsID is the id of every synerise_invitations: the members map is the identity.
const invitationsID = "invitations"

// NewInvitationsResource is the factory of synerise_invitations.
func NewInvitationsResource() resource.Resource {
	return &InvitationsResource{}
}

// InvitationsResource manages the memberships of many email addresses with few requests.
type InvitationsResource struct {
	client *iam.Client
}

// InvitationsResourceModel is the state of synerise_invitations.
type InvitationsResourceModel struct {
	ID      types.String           `tfsdk:"id"`
	Members map[string]memberModel `tfsdk:"members"`
}

type memberModel struct {
	FirstName types.String `tfsdk:"first_name"`
	LastName  types.String `tfsdk:"last_name"`
	RoleIDs   types.Set    `tfsdk:"role_ids"`
	ID        types.Int64  `tfsdk:"id"`
	Status    types.String `tfsdk:"status"`
}

func (r *InvitationsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invitations"
	// The identity is the members' addresses, which change as members join and leave.
	resp.ResourceBehavior.MutableIdentity = true
}

// invitationsIdentity is the identity of synerise_invitations: the email addresses of its members,
// sorted, as the import ID lists them.
type invitationsIdentity struct {
	Emails types.List `tfsdk:"emails"`
}

func (r *InvitationsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"emails": identityschema.ListAttribute{
				Description: "The email addresses of the members, sorted; the same addresses as the comma-separated import ID. " +
					"It changes as members are added and removed.",
				ElementType:       types.StringType,
				RequiredForImport: true,
			},
		},
	}
}

func membersIdentity(members map[string]memberModel) invitationsIdentity {
	return invitationsIdentity{Emails: stringList(slices.Sorted(maps.Keys(members)))}
}

func (r *InvitationsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The memberships of many email addresses at once, for onboarding a team or a whole organisation.\n\n" +
			"Each member behaves as a `synerise_invitation`: invited as `PENDING`, `ACTIVE` once accepted, re-invited " +
			"when `EXPIRED`, removed from the workspace (never deleted) when taken out of `members`. The difference is " +
			"the cost: new members are invited with one bulk request, removed ones with one request per kind, and the " +
			"whole set is refreshed from one listing, so 200 members cost a handful of requests instead of 200. " +
			"Members are keyed by email address, so a plan shows each person's change on its own line. Destroying the " +
			"resource removes every member it manages from the workspace in the same way.\n\n" +
			"Manage an address either here or in a `synerise_invitation`, never in both.\n\n" +
			"Should the answer to a bulk invitation be lost, the provider looks the addresses up and adopts the members it " +
			"finds, if they were not there before. When even the look-up keeps failing, the error says the invitations *may " +
			"have been sent* and how to import them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "Always `" + invitationsID + "`; the members are the identity.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"members": schema.MapNestedAttribute{
				Description: "Members by email address. Addresses are compared without regard to case, as the API " +
					"compares them: two keys that differ only in case are refused, and changing the case of a key keeps " +
					"the member (the state takes the new spelling; nothing is sent).",
				Required: true,
				Validators: []validator.Map{
					mapvalidator.SizeAtLeast(1),
					mapvalidator.KeysAre(stringvalidator.RegexMatches(emailPattern, "must be an email address such as ada@example.com")),
				},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"first_name": schema.StringAttribute{Description: "First name. Defaults to an empty string.", Optional: true, Computed: true, Default: stringdefault.StaticString("")},
						"last_name":  schema.StringAttribute{Description: "Last name. Defaults to an empty string.", Optional: true, Computed: true, Default: stringdefault.StaticString("")},
						"role_ids": schema.SetAttribute{
							Description: "Ids of the member's roles.",
							ElementType: types.Int64Type,
							Required:    true,
							Validators:  roleIDsValidators(),
						},
						"id": schema.Int64Attribute{
							Description: "Numeric id of the user; while the invitation is pending it is also the invitation id.",
							Computed:    true,
							// A member new to the map has no prior id to keep: it stays unknown until invited.
							PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
						},
						"status": schema.StringAttribute{
							Description:   "`PENDING`, `ACTIVE`, `EXPIRED` (re-invited on the next apply) or `INACTIVE`.",
							Computed:      true,
							PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
						},
					},
				},
			},
		},
	}
}

func (r *InvitationsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig refuses keys that name one address twice: the API would refuse the second invitation.
func (r *InvitationsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var members types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("members"), &members)...)
	if resp.Diagnostics.HasError() || members.IsNull() || members.IsUnknown() {
		return
	}
	for _, pair := range sameAddresses(slices.Collect(maps.Keys(members.Elements()))) {
		resp.Diagnostics.AddAttributeError(path.Root("members"), "Duplicate member",
			fmt.Sprintf("%s and %s are one email address: the API compares addresses without regard to case. Keep one of the two keys.", pair[0], pair[1]))
	}
}

// ModifyPlan carries a member over to a key that only respells its address, and plans a new invitation
// for every expired member that stays in the configuration.
func (r *InvitationsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var state, plan InvitationsResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Members == nil {
		return
	}
	respelled := respellings(state.Members, plan.Members)
	changed := false
	for email, member := range plan.Members {
		priorEmail, renamed := respelled[email]
		if !renamed {
			priorEmail = email
		}
		prior, known := state.Members[priorEmail]
		switch {
		case !known:
			continue
		case prior.Status.ValueString() == iam.UserStatusExpired:
			member.ID, member.Status = types.Int64Unknown(), types.StringUnknown()
		case renamed:
			member.ID, member.Status = prior.ID, prior.Status
		default:
			continue
		}
		plan.Members[email] = member
		changed = true
	}
	if changed {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	}
}

// respellings maps each address new to planned onto the address of prior that it respells (the same
// address in another case) and that planned no longer holds.
func respellings(prior, planned map[string]memberModel) map[string]string {
	leaving := map[string]string{}
	for email := range prior {
		if _, stays := planned[email]; !stays {
			leaving[strings.ToLower(email)] = email
		}
	}
	out := map[string]string{}
	for email := range planned {
		if _, known := prior[email]; known {
			continue
		}
		if old, ok := leaving[strings.ToLower(email)]; ok {
			out[email] = old
			delete(leaving, strings.ToLower(email))
		}
	}
	return out
}

// sameAddresses lists the pairs of emails that differ only in case, each pair and the list sorted.
func sameAddresses(emails []string) [][2]string {
	slices.Sort(emails)
	first := map[string]string{}
	var pairs [][2]string
	for _, email := range emails {
		key := strings.ToLower(email)
		if seen, ok := first[key]; ok {
			pairs = append(pairs, [2]string{seen, email})
			continue
		}
		first[key] = email
	}
	return pairs
}

func (r *InvitationsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan InvitationsResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state := InvitationsResourceModel{ID: types.StringValue(invitationsID), Members: map[string]memberModel{}}
	r.invite(ctx, plan.Members, slices.Sorted(maps.Keys(plan.Members)), &state, &resp.Diagnostics)
	// Whatever was invited is recorded, so that a failed batch is retried, not duplicated.
	if len(state.Members) > 0 || !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		setIdentity(ctx, resp.Identity, membersIdentity(state.Members), &resp.Diagnostics)
	}
}

// inviteBatch is how many invitations one request carries; large enough for a big team, small
// enough to keep a request body modest.
const inviteBatch = 500

// invite sends the invitations of emails in batches and records each invited member in state.
func (r *InvitationsResource) invite(ctx context.Context, planned map[string]memberModel, emails []string, state *InvitationsResourceModel, diags *diag.Diagnostics) {
	for batch := range slices.Chunk(emails, inviteBatch) {
		invitations := make([]iam.Invitation, 0, len(batch))
		for _, email := range batch {
			m := planned[email]
			roles := int64Elements(ctx, m.RoleIDs, diags)
			invitations = append(invitations, iam.Invitation{Email: email, FirstName: m.FirstName.ValueString(), LastName: m.LastName.ValueString(), Roles: roles})
		}
		if diags.HasError() {
			return
		}
		users, err := r.client.InviteUsers(ctx, invitations)
		if err != nil {
			addAPIError(diags, fmt.Sprintf("Cannot invite %d members (%s … %s)", len(batch), batch[0], batch[len(batch)-1]), err)
			return
		}
		byEmail := indexUsers(users)
		for _, email := range batch {
			if u, ok := byEmail[strings.ToLower(email)]; ok {
				state.Members[email] = memberFromUser(u)
			}
		}
	}
}

func (r *InvitationsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state InvitationsResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	users, err := r.client.UsersFromListing(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot list the users", err)
		return
	}
	byEmail := indexUsers(users)
	for email := range state.Members {
		if u, ok := byEmail[strings.ToLower(email)]; ok {
			state.Members[email] = memberFromUser(u)
		} else {
			// Gone from the workspace: the plan invites the member again.
			delete(state.Members, email)
		}
	}
	state.ID = types.StringValue(invitationsID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, membersIdentity(state.Members), &resp.Diagnostics)
}

func (r *InvitationsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state InvitationsResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// state is brought forward step by step, so that a failure leaves it true to what was done.
	defer func() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		setIdentity(ctx, resp.Identity, membersIdentity(state.Members), &resp.Diagnostics)
	}()

	for email, old := range respellings(state.Members, plan.Members) {
		state.Members[email] = state.Members[old]
		delete(state.Members, old)
	}
	leaving, reinvite, forgotten := departures(state.Members, plan.Members)
	for _, email := range forgotten {
		delete(state.Members, email)
	}
	if !r.remove(ctx, &state, append(leaving, reinvite...), &resp.Diagnostics) {
		return
	}

	var joining []string
	for email, m := range plan.Members {
		prior, known := state.Members[email]
		switch {
		case !known:
			joining = append(joining, email)
		case !prior.FirstName.Equal(m.FirstName) || !prior.LastName.Equal(m.LastName) || !prior.RoleIDs.Equal(m.RoleIDs):
			if !r.updateMember(ctx, email, prior, m, &state, &resp.Diagnostics) {
				return
			}
		}
	}
	slices.Sort(joining)
	r.invite(ctx, plan.Members, joining, &state, &resp.Diagnostics)
}

// departures sorts out the prior members the plan changes: those who leave the workspace, expired
// ones to invite again, and keys to forget without a request because they name a member who stays
// under another key (two spellings of one address, imported before import ids were checked: removing
// the second would remove the member).
func departures(prior, planned map[string]memberModel) (leaving, reinvite, forgotten []string) {
	staying := map[int64]bool{}
	for email, m := range prior {
		if _, stays := planned[email]; stays {
			staying[m.ID.ValueInt64()] = true
		}
	}
	for email, m := range prior {
		_, stays := planned[email]
		switch {
		case !stays && staying[m.ID.ValueInt64()]:
			forgotten = append(forgotten, email)
		case !stays:
			leaving = append(leaving, email)
		case m.Status.ValueString() == iam.UserStatusExpired:
			reinvite = append(reinvite, email)
		}
	}
	slices.Sort(leaving)
	slices.Sort(reinvite)
	slices.Sort(forgotten)
	return leaving, reinvite, forgotten
}

func (r *InvitationsResource) updateMember(ctx context.Context, email string, prior, planned memberModel, state *InvitationsResourceModel, diags *diag.Diagnostics) bool {
	roles := int64Elements(ctx, planned.RoleIDs, diags)
	if diags.HasError() {
		return false
	}
	first, last := planned.FirstName.ValueString(), planned.LastName.ValueString()
	id := prior.ID.ValueInt64()
	var user *iam.User
	var err error
	if prior.Status.ValueString() == iam.UserStatusPending {
		// The reference gives the update of an invitation no answer: the invitation is read back.
		if err = r.client.UpdateInvitation(ctx, id, iam.InvitationUpdate{FirstName: first, LastName: last, Roles: roles}); err == nil {
			user, err = r.client.GetUser(ctx, id)
		}
	} else {
		user, err = r.client.UpdateUser(ctx, id, iam.UserUpdate{FirstName: &first, LastName: &last, Roles: roles})
	}
	if err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot update the membership of %s", email), err)
		return false
	}
	state.Members[email] = memberFromUser(*user)
	return true
}

// remove takes members out of the workspace: pending and expired invitations are deleted, members who
// accepted lose their association with the workspace. One request per kind.
func (r *InvitationsResource) remove(ctx context.Context, state *InvitationsResourceModel, emails []string, diags *diag.Diagnostics) bool {
	var invitations, memberships []string
	for _, email := range emails {
		switch state.Members[email].Status.ValueString() {
		case iam.UserStatusPending, iam.UserStatusExpired:
			invitations = append(invitations, email)
		default:
			memberships = append(memberships, email)
		}
	}
	steps := []struct {
		emails []string
		call   func(context.Context, ...int64) error
		what   string
	}{
		{invitations, r.client.DeleteInvitations, "delete the invitations of"},
		{memberships, r.client.RemoveUsersFromWorkspace, "remove from the workspace"},
	}
	for _, step := range steps {
		if len(step.emails) == 0 {
			continue
		}
		ids := make([]int64, 0, len(step.emails))
		for _, email := range step.emails {
			ids = append(ids, state.Members[email].ID.ValueInt64())
		}
		if err := step.call(ctx, ids...); err != nil && !iam.IsNotFound(err) {
			addAPIError(diags, fmt.Sprintf("Cannot %s %s", step.what, strings.Join(step.emails, ", ")), err)
			return false
		}
		for _, email := range step.emails {
			delete(state.Members, email)
		}
	}
	return true
}

func (r *InvitationsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state InvitationsResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.remove(ctx, &state, slices.Sorted(maps.Keys(state.Members)), &resp.Diagnostics) {
		// Keep in state the members that are still there.
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// ImportState takes a comma-separated list of the members' email addresses, or the identity's list of
// them, each a member or an invitation of the workspace, and each once.
func (r *InvitationsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var emails []string
	for _, email := range importedEmails(ctx, req, &resp.Diagnostics) {
		email = strings.TrimSpace(email)
		if !emailPattern.MatchString(email) {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Expected comma-separated email addresses such as ada@example.com,alan@example.com; %q is not one.", email))
			return
		}
		emails = append(emails, email)
	}
	for _, pair := range sameAddresses(slices.Clone(emails)) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%s and %s are one email address: the API compares addresses without regard to case. Name each member once.", pair[0], pair[1]))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	users, err := r.client.UsersFromListing(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot list the users", err)
		return
	}
	byEmail := indexUsers(users)
	var missing []string
	for _, email := range emails {
		if _, ok := byEmail[strings.ToLower(email)]; !ok {
			missing = append(missing, email)
		}
	}
	if len(missing) > 0 {
		resp.Diagnostics.AddError("No such members", fmt.Sprintf("%s: neither members nor invitations of the workspace. "+
			"Import only addresses the workspace has; add the others to members and apply to invite them.", strings.Join(missing, ", ")))
		return
	}
	members := map[string]memberModel{}
	for _, email := range emails {
		members[email] = memberModel{
			FirstName: types.StringNull(), LastName: types.StringNull(), RoleIDs: types.SetNull(types.Int64Type),
			ID: types.Int64Null(), Status: types.StringNull(),
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &InvitationsResourceModel{ID: types.StringValue(invitationsID), Members: members})...)
	setIdentity(ctx, resp.Identity, membersIdentity(members), &resp.Diagnostics)
}

// importedEmails lists the addresses an import names: the comma-separated import ID, or the identity's emails.
func importedEmails(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) []string {
	if req.ID != "" || req.Identity == nil {
		return strings.Split(req.ID, ",")
	}
	var identity invitationsIdentity
	diags.Append(req.Identity.Get(ctx, &identity)...)
	if diags.HasError() {
		return nil
	}
	emails := make([]string, 0, len(identity.Emails.Elements()))
	diags.Append(identity.Emails.ElementsAs(ctx, &emails, false)...)
	if !diags.HasError() && len(emails) == 0 {
		diags.AddError("Invalid import identity: emails",
			"The identity's emails must list the members' addresses, such as emails = [\"ada@example.com\", \"alan@example.com\"].")
	}
	return emails
}

func indexUsers(users []iam.User) map[string]iam.User {
	byEmail := make(map[string]iam.User, len(users))
	for _, u := range users {
		byEmail[strings.ToLower(u.Email)] = u
	}
	return byEmail
}

func memberFromUser(u iam.User) memberModel {
	return memberModel{
		FirstName: types.StringValue(u.FirstName),
		LastName:  types.StringValue(u.LastName),
		RoleIDs:   userRoleIDs(u.Roles),
		ID:        types.Int64Value(u.ID),
		Status:    types.StringValue(u.Status),
	}
}
