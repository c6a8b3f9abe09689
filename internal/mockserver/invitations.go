package mockserver

import (
	"crypto/rand"
	"net/http"
	"net/mail"
	"strings"
	"time"
)

func (s *Server) invitationRoutes() []route {
	return []route{
		{"POST /uauth/users/invitations/invite", s.inviteUser},
		{"POST /uauth/users/invitations/invite-bulk", s.inviteUsers},
		{"POST /uauth/users/invitations/{invitationId}", s.updateInvitation},
		{"DELETE /uauth/users/invitations/{invitationIds}", s.deleteInvitations},
		{"GET /uauth/user/register/invitation/{invitationToken}", s.findInvitation},
	}
}

type invitationRequest struct {
	Email     string  `json:"email"`
	FirstName string  `json:"firstName"`
	LastName  string  `json:"lastName"`
	Roles     []int64 `json:"roles"`
}

type bulkInvitationRequest struct {
	Invitations []invitationRequest `json:"invitations"`
}

// invitationUpdateRequest keeps what it leaves out, like the other updates of a user.
type invitationUpdateRequest struct {
	FirstName optional[string]  `json:"firstName"`
	LastName  optional[string]  `json:"lastName"`
	Roles     optional[[]int64] `json:"roles"`
}

type invitationDetailsJSON struct {
	Email               string `json:"email"`
	FirstName           string `json:"firstName"`
	LastName            string `json:"lastName"`
	BusinessProfileName string `json:"businessProfileName"`
}

func (s *Server) inviteUser(r *http.Request) (reply, error) {
	return withBody(s, r, func(st *store, in invitationRequest) (reply, error) {
		if err := st.checkInvitations([]invitationRequest{in}); err != nil {
			return reply{}, err
		}
		invited := st.userJSON(st.invite(in, time.Now()))
		if !s.assumes(InvitedUserInAnswer) {
			return okEmpty, nil
		}
		return ok(invited), nil
	})
}

// inviteUsers invites all or none: every invitation is checked before the first is sent.
func (s *Server) inviteUsers(r *http.Request) (reply, error) {
	return withBody(s, r, func(st *store, in bulkInvitationRequest) (reply, error) {
		if err := st.checkInvitations(in.Invitations); err != nil {
			return reply{}, err
		}
		now := time.Now()
		out := make([]userJSON, 0, len(in.Invitations))
		for _, inv := range in.Invitations {
			out = append(out, st.userJSON(st.invite(inv, now)))
		}
		switch {
		case !s.assumes(InvitedUsersInAnswer):
			return okEmpty, nil
		case !s.assumes(BulkInviteAnswersAList):
			return ok(map[string][]userJSON{"invited": out}), nil
		}
		return ok(out), nil
	})
}

// checkInvitations refuses a batch with an invalid address (400), an unknown role (404), or an
// address that is in the workspace already or twice in the batch (409).
func (st *store) checkInvitations(batch []invitationRequest) error {
	seen := map[string]bool{}
	for _, inv := range batch {
		if err := checkEmail(inv.Email); err != nil {
			return err
		}
		if err := st.checkRoles(inv.Roles); err != nil {
			return err
		}
		key := strings.ToLower(inv.Email)
		if u := st.userByEmail(inv.Email); (u != nil && u.member) || seen[key] {
			return conflict("User %s is already a member of the workspace or invited to it", inv.Email)
		}
		seen[key] = true
	}
	return nil
}

// invite makes a PENDING user of the invitee and mails them the invitation. A person who has an
// account already keeps its id, since the invitation id is the user id.
func (st *store) invite(in invitationRequest, now time.Time) *user {
	u := st.userByEmail(in.Email)
	if u == nil {
		u = st.addUser(in.Email, now.UTC().Truncate(time.Second))
	}
	u.firstName, u.lastName = in.FirstName, in.LastName
	u.member, u.status = true, statusPending
	u.roles = append([]int64{}, in.Roles...)
	u.invitationToken = newToken()
	st.send(u.email, MailInvitation, u.invitationToken)
	return u
}

func (s *Server) updateInvitation(r *http.Request) (reply, error) {
	return onObjectWithBody(s, r, "invitationId", (*store).invitation, func(st *store, u *user, in invitationUpdateRequest) (reply, error) {
		if in.Roles.value != nil {
			if err := st.checkRoles(*in.Roles.value); err != nil {
				return reply{}, err
			}
		}
		in.FirstName.apply(&u.firstName)
		in.LastName.apply(&u.lastName)
		in.Roles.apply(&u.roles)
		return ok(st.userJSON(u)), nil
	})
}

// deleteInvitations withdraws invitations that were not accepted, all or none.
func (s *Server) deleteInvitations(r *http.Request) (reply, error) {
	ids, err := pathIDs(r, "invitationIds")
	if err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	users := make([]*user, 0, len(ids))
	for _, id := range ids {
		u, err := s.st.invitation(id)
		if err != nil {
			return reply{}, err
		}
		users = append(users, u)
	}
	for _, u := range users {
		s.st.leave(u)
	}
	return okEmpty, nil
}

func (s *Server) findInvitation(r *http.Request) (reply, error) {
	token := r.PathValue("invitationToken")
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.st.userByInvitationToken(token)
	if err != nil {
		return reply{}, err
	}
	return ok(invitationDetailsJSON{
		Email: u.email, FirstName: u.firstName, LastName: u.lastName,
		BusinessProfileName: s.st.profiles[0].name,
	}), nil
}

// invitation finds an invitation that was not accepted: a PENDING or EXPIRED user of the workspace.
func (st *store) invitation(id int64) (*user, error) {
	u, ok := st.users[id]
	if !ok || !u.unacceptedInvitation() {
		return nil, notFound("Invitation %d not found", id)
	}
	return u, nil
}

// userByInvitationToken finds the PENDING invitation a token was mailed with.
func (st *store) userByInvitationToken(token string) (*user, error) {
	u := st.userByToken(func(u *user) string { return u.invitationToken }, token)
	if u == nil || !u.member || u.status != statusPending {
		return nil, notFound("Invitation token %s not found", token)
	}
	return u, nil
}

// accept turns an invitation into a membership: the invitee has an account now.
func (u *user) accept() {
	u.status, u.invitationToken = statusActive, ""
	u.registered, u.confirmed = true, true
}

func checkEmail(email string) error {
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return badRequest("Invalid email address: %q", email)
	}
	return nil
}

// newToken returns an unguessable token, as the API mails them.
func newToken() string {
	return rand.Text()
}
