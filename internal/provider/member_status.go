package provider

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// What a member's status means for a plan and an apply, and how a user of the API maps onto a member.

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
