package iam

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// Invitation asks a person to join the workspace with the given roles.
type Invitation struct {
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	// Roles are role ids; nil is sent as [] (no roles).
	Roles []int64 `json:"roles"`
}

// InvitationUpdate replaces the details of a pending invitation.
type InvitationUpdate struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	// Roles are role ids; nil is sent as [] (no roles).
	Roles []int64 `json:"roles"`
}

// bulkInvitationRequest is the body of POST /uauth/users/invitations/invite-bulk.
type bulkInvitationRequest struct {
	Invitations []Invitation `json:"invitations"`
}

// InviteUser invites a person; the answer is a PENDING user whose id is the invitation id. A create
// is not repeated blindly: should its answer be lost, the person is looked up by email first.
func (c *Client) InviteUser(ctx context.Context, in Invitation) (*User, error) {
	in.Roles = nonNilIDs(in.Roles)
	return createOnce(ctx, c, "invitation of "+in.Email, func(ctx context.Context) (*User, error) {
		var user User
		if err := c.do(ctx, request{method: http.MethodPost, path: "/uauth/users/invitations/invite", body: in}, &user); err != nil {
			return nil, err
		}
		return &user, nil
	}, func() (*User, bool, error) { return c.findMember(ctx, in.Email) })
}

// InviteUsers invites several people at once, all or none; the answer lists the users in request order.
// It is not repeated once the server may have acted. An empty list sends nothing. An answer with another
// number of users than invitations is returned with an error, since the caller cannot pair them by position.
func (c *Client) InviteUsers(ctx context.Context, in []Invitation) ([]User, error) {
	if len(in) == 0 {
		return []User{}, nil
	}
	body := bulkInvitationRequest{Invitations: make([]Invitation, len(in))}
	for i, inv := range in {
		inv.Roles = nonNilIDs(inv.Roles)
		body.Invitations[i] = inv
	}
	const path = "/uauth/users/invitations/invite-bulk"
	return createOnce(ctx, c, fmt.Sprintf("%d invitations", len(in)), func(ctx context.Context) ([]User, error) {
		var users []User
		if err := c.do(ctx, request{method: http.MethodPost, path: path, body: body}, &users); err != nil {
			return nil, err
		}
		if len(users) != len(in) {
			return users, fmt.Errorf("POST %s: the API answered %d users for %d invitations", path, len(users), len(in))
		}
		return users, nil
	}, func() ([]User, bool, error) {
		// The API invites all or none: the batch happened if every address is there.
		all, err := c.ListUsers(ctx, UserFilter{})
		if err != nil {
			return nil, false, err
		}
		byEmail := make(map[string]User, len(all))
		for _, u := range all {
			byEmail[strings.ToLower(u.Email)] = u
		}
		users := make([]User, 0, len(in))
		for _, inv := range in {
			u, ok := byEmail[strings.ToLower(inv.Email)]
			if !ok {
				return nil, false, nil
			}
			users = append(users, u)
		}
		return users, true, nil
	})
}

// UpdateInvitation replaces the names and roles of a PENDING or EXPIRED invitation; it sets values, so it is retried.
func (c *Client) UpdateInvitation(ctx context.Context, id int64, in InvitationUpdate) (*User, error) {
	in.Roles = nonNilIDs(in.Roles)
	var user User
	r := request{method: http.MethodPost, path: "/uauth/users/invitations/" + escapeID(id), body: in, idempotent: true}
	if err := c.do(ctx, r, &user); err != nil {
		return nil, err
	}
	return &user, nil
}

// DeleteInvitations withdraws invitations that were not accepted yet. No ids is a no-op.
func (c *Client) DeleteInvitations(ctx context.Context, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	return c.do(ctx, request{method: http.MethodDelete, path: "/uauth/users/invitations/" + joinIDs(ids), idempotent: true}, nil)
}
