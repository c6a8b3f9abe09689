package mockserver

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Default password of a seeded user with an account and no password in the seed.
const seededPassword = seedAdminPassword

// mfaTypes are the kinds of multi-factor authentication the API knows.
var mfaTypes = []string{"TOTP_AUTHENTICATOR", "EMAIL"}

var userStatuses = []string{statusActive, statusInactive, statusPending, statusExpired}

func (st *store) loadUsers(users []stateUser, now time.Time) error {
	ids := make([]*int64, len(users))
	for i := range users {
		ids[i] = &users[i].ID
	}
	var err error
	if st.nextUserID, err = assignIDs("users", ids); err != nil {
		return err
	}
	for i, in := range users {
		u, err := st.loadUser(in, now)
		if err != nil {
			return fmt.Errorf("users[%d] (%q): %w", i, in.Email, err)
		}
		st.users[u.id] = u
	}
	return nil
}

func (st *store) loadUser(in stateUser, now time.Time) (*user, error) {
	if err := checkEmail(in.Email); err != nil {
		return nil, err
	}
	if st.userByEmail(in.Email) != nil {
		return nil, errors.New("the email is given twice; a workspace has one user per address")
	}
	status := cmp.Or(in.Status, statusActive)
	if !slices.Contains(userStatuses, status) {
		return nil, fmt.Errorf("status must be one of %s, got %q", strings.Join(userStatuses, ", "), status)
	}
	for _, id := range in.Roles {
		if _, known := st.roles[id]; !known {
			return nil, fmt.Errorf("roles: no role has the id %d in roleGroups", id)
		}
	}
	u := &user{
		id: in.ID, email: in.Email, firstName: in.FirstName, lastName: in.LastName, createdAt: now,
		member: true, status: status, roles: append([]int64{}, in.Roles...),
		avatar: in.Avatar, phone: in.Phone, language: in.Language, organizationRole: in.OrganizationRole,
		introduction: in.Introduction, description: in.Description, dateFormatNotation: in.DateFormatNotation,
		timeFormatNotation: in.TimeFormatNotation, numberFormatNotation: in.NumberFormatNotation,
	}
	if in.CreatedAt != "" {
		t, err := seedTime("createdAt", in.CreatedAt)
		if err != nil {
			return nil, err
		}
		u.createdAt = t
	}
	if in.AccessExpirationDate != nil {
		t, err := seedTime("accessExpirationDate", *in.AccessExpirationDate)
		if err != nil {
			return nil, err
		}
		u.accessExpiration = &t
	}
	if err := u.seedAccount(in); err != nil {
		return nil, err
	}
	if status == statusPending {
		// The invitation is mailed as it would have been, so that a test can read its token.
		u.invitationToken = newToken()
		st.send(u.email, MailInvitation, u.invitationToken)
	}
	return u, nil
}

// seedAccount gives a seeded user their account, if they have one, and their MFA.
func (u *user) seedAccount(in stateUser) error {
	// An invitee has no account unless the seed gives them a password (they have one elsewhere);
	// everyone else has one, confirmed unless the seed says otherwise.
	invitee := u.status == statusPending || u.status == statusExpired
	u.registered = !invitee || in.Password != nil
	if u.registered {
		u.password = seededPassword
		if in.Password != nil {
			u.password = *in.Password
		}
		u.confirmed = true
	}
	if in.Confirmed != nil {
		u.confirmed = *in.Confirmed
	}
	if in.MFAType != nil {
		if !slices.Contains(mfaTypes, *in.MFAType) {
			return fmt.Errorf("mfaType must be one of %s, got %q", strings.Join(mfaTypes, ", "), *in.MFAType)
		}
		u.mfa = mfaState{active: *in.MFAType, backupCode: strings.ToLower(newToken())}
	}
	return nil
}
