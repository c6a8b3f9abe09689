package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// What is sent for members: updates, (de)activations, access expirations and removals.

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
