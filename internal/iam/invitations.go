package iam

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
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
// is not repeated blindly: should its answer be lost, the person is looked up by email first, and only
// a user who was not listed before the create is taken for its result. The reference describes no
// answer, so one that does not name the invited user (empty, or shaped otherwise) is looked up the
// same way, and the invitation is not sent again.
func (c *Client) InviteUser(ctx context.Context, in Invitation) (*User, error) {
	in.Roles = nonNilIDs(in.Roles)
	unlock, err := c.creates.lock(ctx, memberKey(in.Email))
	if err != nil {
		return nil, err
	}
	defer unlock()
	before, err := c.before.users.matching(ctx, func(u User) bool { return strings.EqualFold(u.Email, in.Email) })
	if err != nil {
		return nil, err
	}
	existed := idsOf(before, userID)
	const path = "/uauth/users/invitations/invite"
	user, err := createOnce(ctx, c, KindInvitation, "invitation of "+in.Email, func(ctx context.Context) (*User, error) {
		var user User
		if err := c.do(ctx, request{method: http.MethodPost, path: path, body: in}, &user); err != nil {
			return nil, err
		}
		if user.ID == 0 || !strings.EqualFold(user.Email, in.Email) {
			return nil, &answerError{method: http.MethodPost, path: path, problem: "with a body that does not name the invitation of " + in.Email}
		}
		return &user, nil
	}, func(ctx context.Context) (*User, bool, error) {
		users, err := c.usersWithEmail(ctx, in.Email)
		if err != nil {
			return nil, false, err
		}
		i := slices.IndexFunc(users, func(u User) bool { return !existed[u.ID] })
		if i < 0 {
			return nil, false, nil
		}
		return &users[i], true, nil
	})
	if err == nil {
		c.before.users.add(*user)
	}
	return user, err
}

// InviteUsers invites several people at once, all or none; the answer lists the users in request order.
// It is not repeated once the server may have acted: should its answer be lost, the batch is taken to
// have happened when every address is listed as a user who was not listed before. The reference
// describes no answer, so one that does not list the batch's users in request order (empty, shaped
// otherwise, or another number of users) is looked up the same way, and the batch is not sent again.
// An empty list sends nothing.
func (c *Client) InviteUsers(ctx context.Context, in []Invitation) ([]User, error) {
	if len(in) == 0 {
		return []User{}, nil
	}
	body := bulkInvitationRequest{Invitations: make([]Invitation, len(in))}
	keys := make([]string, len(in))
	for i, inv := range in {
		inv.Roles = nonNilIDs(inv.Roles)
		body.Invitations[i] = inv
		keys[i] = memberKey(inv.Email)
	}
	unlock, err := c.creates.lock(ctx, keys...)
	if err != nil {
		return nil, err
	}
	defer unlock()
	wanted := batchAddresses(in)
	before, err := c.before.users.matching(ctx, func(u User) bool { return wanted[strings.ToLower(u.Email)] })
	if err != nil {
		return nil, err
	}
	existed := idsOf(before, userID)
	const path = "/uauth/users/invitations/invite-bulk"
	users, err := createOnce(ctx, c, KindInvitations, describeBatch(in), func(ctx context.Context) ([]User, error) {
		var users []User
		if err := c.do(ctx, request{method: http.MethodPost, path: path, body: body}, &users); err != nil {
			return nil, err
		}
		if !listsBatch(users, in) {
			return nil, &answerError{method: http.MethodPost, path: path,
				problem: fmt.Sprintf("with %d users for %d invitations, not the invited ones in request order", len(users), len(in))}
		}
		return users, nil
	}, func(ctx context.Context) ([]User, bool, error) {
		return c.invitedBatch(ctx, in, existed)
	})
	if err == nil {
		c.before.users.add(users...)
	}
	return users, err
}

// listAllUsers lists every user of the workspace, all statuses.
func (c *Client) listAllUsers(ctx context.Context) ([]User, error) {
	return c.ListUsers(ctx, UserFilter{})
}

// batchAddresses are the lower-case addresses of a batch.
func batchAddresses(in []Invitation) map[string]bool {
	wanted := make(map[string]bool, len(in))
	for _, inv := range in {
		wanted[strings.ToLower(inv.Email)] = true
	}
	return wanted
}

// batchUsers lists the users who have the addresses of a batch, by lower-case address.
func (c *Client) batchUsers(ctx context.Context, in []Invitation) (map[string]User, error) {
	all, err := c.listAllUsers(ctx)
	if err != nil {
		return nil, err
	}
	wanted := batchAddresses(in)
	byEmail := make(map[string]User, len(in))
	for _, u := range all {
		if email := strings.ToLower(u.Email); wanted[email] {
			byEmail[email] = u
		}
	}
	return byEmail, nil
}

// invitedBatch finds the users a batch whose answer was lost invited: found only when every address
// is listed as a user who was not listed before.
func (c *Client) invitedBatch(ctx context.Context, in []Invitation, existed map[int64]bool) ([]User, bool, error) {
	byEmail, err := c.batchUsers(ctx, in)
	if err != nil {
		return nil, false, err
	}
	users := make([]User, 0, len(in))
	for _, inv := range in {
		u, ok := byEmail[strings.ToLower(inv.Email)]
		if !ok || existed[u.ID] {
			return nil, false, nil
		}
		users = append(users, u)
	}
	return users, true, nil
}

// listsBatch reports whether users are the invited users of batch, in request order.
func listsBatch(users []User, batch []Invitation) bool {
	return slices.EqualFunc(users, batch, func(u User, inv Invitation) bool {
		return u.ID != 0 && strings.EqualFold(u.Email, inv.Email)
	})
}

// describeBatch names a batch of invitations by its first and last address.
func describeBatch(in []Invitation) string {
	if len(in) == 1 {
		return "invitation of " + in[0].Email
	}
	return fmt.Sprintf("%d invitations (%s … %s)", len(in), in[0].Email, in[len(in)-1].Email)
}

// usersWithEmail lists the members and invitations of the workspace that have the email address.
func (c *Client) usersWithEmail(ctx context.Context, email string) ([]User, error) {
	users, err := c.ListUsers(ctx, UserFilter{Search: email})
	return slices.DeleteFunc(users, func(u User) bool { return !strings.EqualFold(u.Email, email) }), err
}

func userID(u User) int64 { return u.ID }

// UpdateInvitation replaces the names and roles of a PENDING or EXPIRED invitation; it sets values, so
// it is retried. The reference gives its success no body, so read the invitation back (GetUser).
func (c *Client) UpdateInvitation(ctx context.Context, id int64, in InvitationUpdate) error {
	in.Roles = nonNilIDs(in.Roles)
	return c.do(ctx, request{method: http.MethodPost, path: "/uauth/users/invitations/" + strconv.FormatInt(id, 10), body: in, idempotent: true}, nil)
}

// DeleteInvitations withdraws invitations that were not accepted yet, all or none. Calls that arrive
// close together are sent in one request (batch.go), yet each gets the answer about its own ids. No
// ids is a no-op.
func (c *Client) DeleteInvitations(ctx context.Context, ids ...int64) error {
	return c.invitationDeletes.delete(ctx, ids)
}
