package iam

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// User statuses, as the listing filters them and as User.Status reports them.
const (
	// UserStatusAll is the listing filter that matches every status.
	UserStatusAll = "ALL"
	// UserStatusActive is a user who can use the workspace.
	UserStatusActive = "ACTIVE"
	// UserStatusPending is an invited user who has not accepted; the user's id is the invitation id.
	UserStatusPending = "PENDING"
	// UserStatusExpired is a user whose invitation or access expired.
	UserStatusExpired = "EXPIRED"
	// UserStatusInactive is a deactivated user.
	UserStatusInactive = "INACTIVE"
)

// UserPageSize is how many users ListUsers asks for per page: few requests, well inside the API's 1..1000.
const UserPageSize = 500

// UserRole is a role as a user lists it.
type UserRole struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// User is a member of the workspace or a pending invitation. Strings the API may send as null are
// pointers; the dates are kept as the API writes them (RFC 3339), so an unexpected format cannot break a listing.
type User struct {
	ID        int64  `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	// Status is one of the UserStatus constants other than UserStatusAll.
	Status string     `json:"status"`
	Roles  []UserRole `json:"roles"`
	// AccessExpirationDate is when the user's access ends; nil when it does not.
	AccessExpirationDate *string `json:"accessExpirationDate"`
	MFAEnabled           bool    `json:"mfaEnabled"`
	CreatedAt            string  `json:"createdAt"`
	Avatar               *string `json:"avatar"`
	Phone                *string `json:"phone"`
	Language             *string `json:"language"`
	OrganizationRole     *string `json:"organizationRole"`
	Introduction         *string `json:"introduction"`
	Description          *string `json:"description"`
	Confirmed            bool    `json:"confirmed"`
	// DateFormatNotation, TimeFormatNotation and NumberFormatNotation are "US", "EU" or nil.
	DateFormatNotation   *string `json:"dateFormatNotation"`
	TimeFormatNotation   *string `json:"timeFormatNotation"`
	NumberFormatNotation *string `json:"numberFormatNotation"`
}

// UserFilter narrows ListUsers. The zero value lists every user.
type UserFilter struct {
	// Status is one of the UserStatus constants; UserStatusAll when empty.
	Status string
	// Search matches substrings of first names, last names and email addresses; empty matches all.
	Search string
}

// UserUpdate is the body of an update of another user. The reference does not say whether omitted
// fields are kept or cleared, so a nil pointer is left out of the request and a non-nil one is sent,
// even when it points to "" or false. Roles is required and replaces the user's roles. Start from
// UserUpdateFrom to change some fields and keep the others.
type UserUpdate struct {
	FirstName        *string `json:"firstName,omitempty"`
	LastName         *string `json:"lastName,omitempty"`
	Avatar           *string `json:"avatar,omitempty"`
	Phone            *string `json:"phone,omitempty"`
	Language         *string `json:"language,omitempty"`
	OrganizationRole *string `json:"organizationRole,omitempty"`
	Introduction     *string `json:"introduction,omitempty"`
	Confirmed        *bool   `json:"confirmed,omitempty"`
	// MailAccountID is unused by the API.
	MailAccountID        *int64  `json:"mailAccountId,omitempty"`
	Description          *string `json:"description,omitempty"`
	DateFormatNotation   *string `json:"dateFormatNotation,omitempty"`
	TimeFormatNotation   *string `json:"timeFormatNotation,omitempty"`
	NumberFormatNotation *string `json:"numberFormatNotation,omitempty"`
	// Roles are the ids of the user's roles in the workspace; nil is sent as [] (no roles).
	Roles []int64 `json:"roles"`
}

// UserUpdateFrom is the update that sets every field of u to the value it has: the base of an update
// that changes some fields, since fields left out of the request may be cleared. MailAccountID is
// unused by the API and left out.
func UserUpdateFrom(u User) UserUpdate {
	confirmed := u.Confirmed
	first, last := u.FirstName, u.LastName
	roles := make([]int64, 0, len(u.Roles))
	for _, r := range u.Roles {
		roles = append(roles, r.ID)
	}
	return UserUpdate{
		FirstName: &first, LastName: &last, Avatar: u.Avatar, Phone: u.Phone, Language: u.Language,
		OrganizationRole: u.OrganizationRole, Introduction: u.Introduction, Confirmed: &confirmed,
		Description: u.Description, DateFormatNotation: u.DateFormatNotation, TimeFormatNotation: u.TimeFormatNotation,
		NumberFormatNotation: u.NumberFormatNotation, Roles: roles,
	}
}

// ListUsers reads every page of the workspace's users that match f, ordered as the API orders them (by id).
func (c *Client) ListUsers(ctx context.Context, f UserFilter) ([]User, error) {
	status := f.Status
	if status == "" {
		status = UserStatusAll
	}
	return readAll(ctx, c, listing[User, int64]{
		path: usersListingPath,
		// The API requires all four parameters, search even when empty.
		query:     url.Values{"status": {status}, "search": {f.Search}},
		firstPage: 0,
		size:      UserPageSize,
		maxPages:  maxListingPages,
		key:       func(u User) int64 { return u.ID },
	})
}

const usersListingPath = "/uauth/users/listing"

// GetUser reads one user of the workspace; a user removed from the workspace is not found.
func (c *Client) GetUser(ctx context.Context, id int64) (*User, error) {
	var user User
	if err := c.do(ctx, request{method: http.MethodGet, path: "/uauth/users/" + strconv.FormatInt(id, 10), idempotent: true}, &user); err != nil {
		return nil, err
	}
	return &user, nil
}

// UpdateUser changes another user's details and replaces their roles; the request sets values, so it is retried.
func (c *Client) UpdateUser(ctx context.Context, id int64, in UserUpdate) (*User, error) {
	in.Roles = nonNilIDs(in.Roles)
	var user User
	r := request{method: http.MethodPost, path: "/uauth/users/" + strconv.FormatInt(id, 10), body: in, idempotent: true}
	if err := c.do(ctx, r, &user); err != nil {
		return nil, err
	}
	return &user, nil
}

// RemoveUsersFromWorkspace takes users out of the workspace without deleting their accounts, all or
// none. Calls that arrive close together are sent in one request (batch.go), yet each gets the answer
// about its own ids. No ids is a no-op.
func (c *Client) RemoveUsersFromWorkspace(ctx context.Context, ids ...int64) error {
	return c.workspaceRemovals.delete(ctx, ids)
}

// accessTimeRequest is the body of PUT /uauth/users/{userId}/access-time. ExpirationDate is not omitted
// when nil: an explicit null is the clearest way to say "no expiration" in a request that replaces the value.
type accessTimeRequest struct {
	ExpirationDate *string `json:"expirationDate"`
}

// SetUserAccessExpiration sets when a user's access to the workspace ends. A nil at clears the date:
// the request then carries {"expirationDate": null}. The time is sent in UTC, RFC 3339, whole seconds.
func (c *Client) SetUserAccessExpiration(ctx context.Context, id int64, at *time.Time) error {
	var body accessTimeRequest
	if at != nil {
		s := at.UTC().Truncate(time.Second).Format(time.RFC3339)
		body.ExpirationDate = &s
	}
	return c.do(ctx, request{method: http.MethodPut, path: "/uauth/users/" + strconv.FormatInt(id, 10) + "/access-time", body: body, idempotent: true}, nil)
}

// activationRequest is the body of POST /uauth/users/activate and /deactivate.
type activationRequest struct {
	IDs []int64 `json:"ids"`
}

// ActivateUsers gives users back their access to the workspace. It sets a status, so it is retried. No ids is a no-op.
func (c *Client) ActivateUsers(ctx context.Context, ids ...int64) error {
	return c.setActivation(ctx, "/uauth/users/activate", ids)
}

// DeactivateUsers suspends users' access to the workspace (status INACTIVE). No ids is a no-op.
func (c *Client) DeactivateUsers(ctx context.Context, ids ...int64) error {
	return c.setActivation(ctx, "/uauth/users/deactivate", ids)
}

func (c *Client) setActivation(ctx context.Context, path string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	return c.do(ctx, request{method: http.MethodPost, path: path, body: activationRequest{IDs: ids}, idempotent: true}, nil)
}

// joinIDs renders ids as the comma-separated path segment the API takes for several objects.
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// nonNilIDs turns nil into an empty slice, so that a list of ids is sent as [] rather than null.
func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
