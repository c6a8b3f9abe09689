package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// memberModel is one membership as Terraform manages it: the whole state of a synerise_invitation,
// and one member of a synerise_invitations.
type memberModel struct {
	ID              types.Int64       `tfsdk:"id"`
	Email           types.String      `tfsdk:"email"`
	FirstName       types.String      `tfsdk:"first_name"`
	LastName        types.String      `tfsdk:"last_name"`
	RoleIDs         types.Set         `tfsdk:"role_ids"`
	AccessExpiresAt timetypes.RFC3339 `tfsdk:"access_expires_at"`
	Active          types.Bool        `tfsdk:"active"`
	Status          types.String      `tfsdk:"status"`
	// AllowTokenOwnerLockout silences the guard of token_owner.go; state keeps what the configuration set.
	AllowTokenOwnerLockout types.Bool `tfsdk:"allow_token_owner_lockout"`
}

// InvitationResourceModel is the state of synerise_invitation: one membership.
type InvitationResourceModel = memberModel

// memberTermsAttributes are the attributes both membership resources manage alike.
func memberTermsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"first_name": schema.StringAttribute{
			Description: "First name. Defaults to an empty string.",
			Optional:    true,
			Computed:    true,
			Default:     stringdefault.StaticString(""),
		},
		"last_name": schema.StringAttribute{
			Description: "Last name. Defaults to an empty string.",
			Optional:    true,
			Computed:    true,
			Default:     stringdefault.StaticString(""),
		},
		"role_ids": schema.SetAttribute{
			Description: "Ids of the roles the member has in the workspace; order does not matter. None by default: " +
				"the API invites without roles, and roles can be given later. " +
				"Use `data.synerise_available_roles.<name>.ids_by_name[\"<role>\"]` to name roles.",
			ElementType: types.Int64Type,
			Optional:    true,
			Computed:    true,
			Default:     setdefault.StaticValue(types.SetValueMust(types.Int64Type, []attr.Value{})),
			Validators:  roleIDsValidators(),
		},
		"access_expires_at": schema.StringAttribute{
			Description: "When the member's access to the workspace ends, in RFC 3339 (`2027-01-31T00:00:00Z`, or " +
				"with an offset such as `2027-01-31T01:00:00+01:00`); unset means no expiration. Times are compared " +
				"as instants, to the second: the API answers in UTC, and the state keeps the configuration's notation " +
				"of the same instant. A time that has passed is accepted with a warning in the plan that sets it, since " +
				"the member then cannot use the workspace; later plans that keep it do not repeat the warning.",
			CustomType:    timetypes.RFC3339Type{},
			Optional:      true,
			PlanModifiers: []planmodifier.String{pastAccessExpiration{now: time.Now}},
		},
		"active": schema.BoolAttribute{
			Description: "Whether the member may use the workspace; `true` by default. `false` deactivates a member " +
				"who accepted the invitation (`status` `INACTIVE`), and `true` activates them again; someone " +
				"(de)activating the member outside Terraform shows in the next plan. A pending invitation cannot be " +
				"deactivated: `false` on a new member, or on one whose `status` is `PENDING`, is refused (at plan time " +
				"when Terraform knows the value, otherwise before anything is sent). An `EXPIRED` invitation with " +
				"`false` is left as it is, since it gives no access, instead of being sent again.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(true),
		},
		tokenOwnerAcknowledgement: tokenOwnerAcknowledgementAttribute(),
	}
}

// pastAccessExpiration warns, in the plan that sets it, of an access expiration that has passed: the
// API takes it, and the member can no longer use the workspace, which is rarely what the configuration
// meant. A plan that keeps the time the state holds says nothing: the warning was given when it was
// set, and repeating it in every later plan would only teach people to ignore warnings.
type pastAccessExpiration struct {
	now func() time.Time
}

func (m pastAccessExpiration) Description(context.Context) string {
	return "warns, in the plan that sets it, of a time that has passed, since the member then cannot use the workspace"
}

func (m pastAccessExpiration) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m pastAccessExpiration) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	planned := req.PlanValue
	if planned.IsNull() || planned.IsUnknown() || (!req.StateValue.IsNull() && sameInstant(req.StateValue.ValueString(), planned.ValueString())) {
		return
	}
	// An unparsable time is the attribute type's error to report.
	at, err := time.Parse(time.RFC3339, planned.ValueString())
	if err != nil || at.After(m.now()) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Access expiration in the past",
		fmt.Sprintf("%s has passed: once applied, the member loses access and will be unable to use the workspace. "+
			"Set a time in the future to grant access until then, or remove %s for access without an end.",
			planned.ValueString(), req.Path))
}

// invitationModel maps a user onto the state, keeping the configuration's spelling of values the API
// treats as equal (the case of the email address, the notation of the expiration time).
func invitationModel(u *iam.User, prior memberModel) memberModel {
	m := memberModel{
		ID:                     types.Int64Value(u.ID),
		Email:                  types.StringValue(u.Email),
		FirstName:              types.StringValue(u.FirstName),
		LastName:               types.StringValue(u.LastName),
		RoleIDs:                userRoleIDs(u.Roles),
		Status:                 types.StringValue(u.Status),
		Active:                 activeFromStatus(u.Status, prior.Active),
		AccessExpiresAt:        timetypes.NewRFC3339Null(),
		AllowTokenOwnerLockout: prior.AllowTokenOwnerLockout,
	}
	if strings.EqualFold(prior.Email.ValueString(), u.Email) {
		m.Email = prior.Email
	}
	if u.AccessExpirationDate != nil && *u.AccessExpirationDate != "" {
		m.AccessExpiresAt = timetypes.NewRFC3339ValueMust(*u.AccessExpirationDate)
	}
	// timetypes' own semantic equality would not keep the notation: it holds only for the same offset.
	if sameExpiration(prior.AccessExpiresAt, m.AccessExpiresAt) {
		m.AccessExpiresAt = prior.AccessExpiresAt
	}
	return m
}

// activeFromStatus reads active from a status: false for INACTIVE, true for a member or a pending
// invitation. An expired invitation gives no access either way, so it keeps what the prior state says
// (true when there is none, and it is invited again).
func activeFromStatus(status string, prior types.Bool) types.Bool {
	switch {
	case status == iam.UserStatusInactive:
		return types.BoolValue(false)
	case status == iam.UserStatusExpired && !prior.IsNull() && !prior.IsUnknown():
		return prior
	default:
		return types.BoolValue(true)
	}
}

// acceptedInvitation reports whether status is of a member who accepted the invitation, the only
// members the API activates and deactivates.
func acceptedInvitation(status types.String) bool {
	return status.ValueString() == iam.UserStatusActive || status.ValueString() == iam.UserStatusInactive
}

// accessEnded reports whether an access expiration is known and has passed.
func accessEnded(at timetypes.RFC3339, now time.Time) bool {
	if at.IsNull() || at.IsUnknown() {
		return false
	}
	t, diags := at.ValueRFC3339Time()
	return !diags.HasError() && !t.After(now)
}

// accessRanOut reports whether m is EXPIRED because its access time has passed. The API's EXPIRED
// has two readings: an invitation that was not accepted in time, which a new invitation cures, and a
// member whose access time ran out, whom a new invitation would take out of the workspace and invite
// as a stranger. A member whose access time has passed is read the second way: moving
// access_expires_at, not a new invitation, gives them access again.
func accessRanOut(m memberModel) bool {
	return m.Status.ValueString() == iam.UserStatusExpired && accessEnded(m.AccessExpiresAt, time.Now())
}

// reinvited reports whether a member whose invitation expired is to be invited again: unless active
// is false, which leaves the expired invitation as it is, or the member's access time ran out.
func reinvited(prior, planned memberModel) bool {
	return prior.Status.ValueString() == iam.UserStatusExpired && !accessRanOut(prior) && !planned.Active.Equal(types.BoolValue(false))
}

// addReinvitationWarning says what the plan of a member whose invitation expired does, which the
// diff shows only as a new id and status.
func addReinvitationWarning(diags *diag.Diagnostics, at path.Path, email string) {
	diags.AddAttributeWarning(at, "Expired invitation sent again",
		fmt.Sprintf("The invitation of %s expired before it was accepted (status EXPIRED), and no access time ran out: the apply "+
			"deletes it and invites %s again, which mails a new invitation. To leave it as it is, set active = false.", email, email))
}

// deactivationRefused reports whether planned deactivates a pending invitation: a new member (prior
// nil), or one who has not accepted. Unknown values refuse nothing yet.
func deactivationRefused(prior *memberModel, planned memberModel) bool {
	if !planned.Active.Equal(types.BoolValue(false)) {
		return false
	}
	return prior == nil || prior.Status.ValueString() == iam.UserStatusPending
}

func addDeactivationRefused(diags *diag.Diagnostics, at path.Path, email string) {
	diags.AddAttributeError(at, "Cannot deactivate a pending invitation",
		fmt.Sprintf("%s has not accepted an invitation (a new member is invited as PENDING), and only members who accepted "+
			"can be deactivated. Leave active = true (the default) until status is ACTIVE, then set active = false.", email))
}

// plannedStatus is the status a plan can promise for a member who stays: the target of a change of
// active, unknown while active is, and otherwise the prior status. A pending invitation that the apply
// updates is unknown too: the invitee may accept before the update, which then reads them back as ACTIVE.
func plannedStatus(prior, planned memberModel) types.String {
	switch {
	case planned.Active.IsUnknown() || accessMayEndOrResume(prior, planned):
		return types.StringUnknown()
	case prior.Status.ValueString() == iam.UserStatusPending && membershipUpdateSends(prior, planned):
		return types.StringUnknown()
	case planned.Active.Equal(prior.Active) || !acceptedInvitation(prior.Status):
		return prior.Status
	case planned.Active.ValueBool():
		return types.StringValue(iam.UserStatusActive)
	default:
		return types.StringValue(iam.UserStatusInactive)
	}
}

// accessMayEndOrResume reports whether planned moves the access time of a member past now or back: a
// member whose access time has passed may read as EXPIRED, so the status is known only after the apply.
func accessMayEndOrResume(prior, planned memberModel) bool {
	now := time.Now()
	return !sameExpiration(prior.AccessExpiresAt, planned.AccessExpiresAt) &&
		(planned.AccessExpiresAt.IsUnknown() || accessEnded(prior.AccessExpiresAt, now) || accessEnded(planned.AccessExpiresAt, now))
}

// detailsChanged reports whether planned changes the names or the roles of a member.
func detailsChanged(prior, planned memberModel) bool {
	return !prior.FirstName.Equal(planned.FirstName) || !prior.LastName.Equal(planned.LastName) || !prior.RoleIDs.Equal(planned.RoleIDs)
}

// membershipUpdateSends reports whether updateMembership sends anything to bring a member from prior
// to planned; a respelled expiration sends nothing.
func membershipUpdateSends(prior, planned memberModel) bool {
	return detailsChanged(prior, planned) || !sameExpiration(planned.AccessExpiresAt, prior.AccessExpiresAt)
}

// updateMembership brings the names, roles and access expiration of a member from prior to planned,
// and reports whether it sent anything. Activation is left to setActivations, which batches it.
func updateMembership(ctx context.Context, client *iam.Client, prior, planned memberModel, diags *diag.Diagnostics) bool {
	id, email := prior.ID.ValueInt64(), planned.Email.ValueString()
	sent := false
	if detailsChanged(prior, planned) {
		roles := int64Elements(ctx, planned.RoleIDs, diags)
		if diags.HasError() {
			return false
		}
		first, last := planned.FirstName.ValueString(), planned.LastName.ValueString()
		if err := updateMemberDetails(ctx, client, id, !acceptedInvitation(prior.Status), first, last, roles); err != nil {
			addAPIError(diags, fmt.Sprintf("Cannot update the membership of %s", email), err)
			return false
		}
		sent = true
	}
	if !sameExpiration(planned.AccessExpiresAt, prior.AccessExpiresAt) {
		setAccessExpiration(ctx, client, id, email, planned.AccessExpiresAt, diags)
		sent = true
	}
	return sent
}

// updateMemberDetails changes an invitation that was not accepted (invited) through the invitation, and
// a member who accepted through the user. An invitation that is gone may have been accepted since the
// refresh: the user is then read again, and updated as the member they are now. The update of a user
// replaces every field of the user, so those Terraform does not manage (phone, language, avatar, ...)
// are read just before and sent back as they are.
func updateMemberDetails(ctx context.Context, client *iam.Client, id int64, invited bool, first, last string, roles []int64) error {
	var invitationErr error
	if invited {
		invitationErr = client.UpdateInvitation(ctx, id, iam.InvitationUpdate{FirstName: first, LastName: last, Roles: roles})
		if !iam.IsNotFound(invitationErr) {
			return invitationErr
		}
	}
	user, err := client.GetUser(ctx, id)
	if err != nil {
		return err
	}
	if now := invitationModel(user, memberModel{}); invitationErr != nil && !acceptedInvitation(now.Status) && !accessRanOut(now) {
		return invitationErr
	}
	update := iam.UserUpdateFrom(*user)
	update.FirstName, update.LastName, update.Roles = &first, &last, roles
	_, err = client.UpdateUser(ctx, id, update)
	return err
}

func setAccessExpiration(ctx context.Context, client *iam.Client, id int64, email string, value timetypes.RFC3339, diags *diag.Diagnostics) {
	var at *time.Time
	if !value.IsNull() {
		parsed, d := value.ValueRFC3339Time()
		diags.Append(d...)
		if diags.HasError() {
			return
		}
		at = &parsed
	}
	if err := client.SetUserAccessExpiration(ctx, id, at); err != nil {
		addAPIError(diags, fmt.Sprintf("Cannot set the access expiration of %s", email), err)
	}
}

// activationChange is a member whose activation a plan changes.
type activationChange struct {
	id     int64
	email  string
	active bool
}

// activationChangeOf is the change of activation from prior to planned, if any: only members who
// accepted their invitation are (de)activated, those whose access time ran out included.
func activationChangeOf(prior, planned memberModel) (activationChange, bool) {
	accepted := acceptedInvitation(prior.Status) || accessRanOut(prior)
	if !accepted || planned.Active.IsUnknown() || planned.Active.Equal(prior.Active) {
		return activationChange{}, false
	}
	return activationChange{id: prior.ID.ValueInt64(), email: planned.Email.ValueString(), active: planned.Active.ValueBool()}, true
}

// setActivations activates and deactivates members with one request per kind.
func setActivations(ctx context.Context, client *iam.Client, changes []activationChange, diags *diag.Diagnostics) bool {
	steps := []struct {
		active bool
		call   func(context.Context, ...int64) error
		what   string
	}{
		{true, client.ActivateUsers, "activate"},
		{false, client.DeactivateUsers, "deactivate"},
	}
	for _, step := range steps {
		var ids []int64
		var emails []string
		for _, c := range changes {
			if c.active == step.active {
				ids, emails = append(ids, c.id), append(emails, c.email)
			}
		}
		if err := step.call(ctx, ids...); err != nil {
			addAPIError(diags, fmt.Sprintf("Cannot %s %s", step.what, strings.Join(emails, ", ")), err)
			return false
		}
	}
	return true
}

// sameExpiration reports whether two access expirations end access at the same second, or both never.
func sameExpiration(a, b timetypes.RFC3339) bool {
	if a.IsNull() || b.IsNull() || a.IsUnknown() || b.IsUnknown() {
		return a.Equal(b)
	}
	return sameInstant(a.ValueString(), b.ValueString())
}

func userRoleIDs(roles []iam.UserRole) types.Set {
	ids := make([]int64, 0, len(roles))
	for _, r := range roles {
		ids = append(ids, r.ID)
	}
	return int64Set(ids)
}

// usersByEmail lists the workspace's users, from the listing a run shares, by lower-case address.
func usersByEmail(ctx context.Context, client *iam.Client, diags *diag.Diagnostics) (map[string]iam.User, bool) {
	users, err := client.UsersFromListing(ctx)
	if err != nil {
		addAPIError(diags, "Cannot list the users", err)
		return nil, false
	}
	byEmail := make(map[string]iam.User, len(users))
	for _, u := range users {
		byEmail[strings.ToLower(u.Email)] = u
	}
	return byEmail, true
}

// removeMembers takes users out of the workspace in one request: invited says whether the state knew
// them as invitations (PENDING or EXPIRED), which are deleted, or as members, who are removed. A 404 may
// concern one id of a list only, and then each user is removed on its own. An invitation that is gone
// may have been accepted since the state was written (a member who accepts between the refresh and the
// apply, or an apply with -refresh=false): the user is then removed as a member, and only a user who is
// gone either way counts as removed.
func removeMembers(ctx context.Context, client *iam.Client, invited bool, ids []int64) error {
	remove := client.RemoveUsersFromWorkspace
	if invited {
		remove = client.DeleteInvitations
	}
	err := remove(ctx, ids...)
	switch {
	case !iam.IsNotFound(err):
		return err
	case len(ids) == 1 && invited:
		return removeMembers(ctx, client, false, ids)
	case len(ids) == 1:
		return nil
	}
	errs := make([]error, len(ids))
	var each sync.WaitGroup
	for i, id := range ids {
		each.Go(func() { errs[i] = removeMembers(ctx, client, invited, []int64{id}) })
	}
	each.Wait()
	return errors.Join(errs...)
}
