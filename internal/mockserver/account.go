package mockserver

import (
	"net/http"
	"time"
)

func (s *Server) accountRoutes() []route {
	return []route{
		{"POST /uauth/change-password", s.changePassword},
		{"POST /uauth/password-reset/request", s.requestPasswordReset},
		{"POST /uauth/password-reset/confirmation", s.confirmPasswordReset},
		{"GET /uauth/user/confirmation/{confirmationToken}", s.confirmRegistration},
		{"POST /uauth/user/register", s.register},
		{"POST /uauth/user/register/resend-confirmation", s.resendConfirmation},
		{"GET /uauth/users/my-account", s.getMyAccount},
		{"POST /uauth/users/my-account", s.updateMyAccount},
		{"DELETE /uauth/users/my-account", s.deleteMyAccount},
	}
}

type changePasswordRequest struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

type emailRequest struct {
	Email string `json:"email"`
}

type passwordResetConfirmation struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

type registrationRequest struct {
	Email                 string `json:"email"`
	Password              string `json:"password"`
	InvitationToken       string `json:"invitationToken"`
	ExternalProviderToken string `json:"externalProviderToken"`
	ExternalProviderType  string `json:"externalProviderType"`
}

// ownAccount is the account of the token's user. Once that user deleted it, the token is a
// stranger's: 401.
func (st *store) ownAccount() (*user, error) {
	u, ok := st.users[st.owner]
	if !ok {
		return nil, errUnauthenticated
	}
	return u, nil
}

func (s *Server) changePassword(r *http.Request) (reply, error) {
	var in changePasswordRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	return s.asOwner(func(_ *store, u *user) (reply, error) {
		if in.CurrentPassword != u.password {
			return reply{}, badRequest("Current password is incorrect")
		}
		if in.NewPassword == "" {
			return reply{}, badRequest("New password must not be empty")
		}
		u.password = in.NewPassword
		return okEmpty, nil
	})
}

// requestPasswordReset answers the same whether or not the address has an account, so that the
// endpoint, which needs no authentication, does not tell who has one.
func (s *Server) requestPasswordReset(r *http.Request) (reply, error) {
	var in emailRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.userByEmail(in.Email); u != nil && u.registered {
		s.st.requestPasswordReset(u)
	}
	return okEmpty, nil
}

func (st *store) requestPasswordReset(u *user) {
	u.resetToken = newToken()
	st.send(u.email, MailPasswordReset, u.resetToken)
}

func (s *Server) confirmPasswordReset(r *http.Request) (reply, error) {
	var in passwordResetConfirmation
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.userByToken(func(u *user) string { return u.resetToken }, in.Token)
	if u == nil {
		return reply{}, notFound("Password reset token %s not found", in.Token)
	}
	u.password, u.resetToken = in.Password, ""
	return okEmpty, nil
}

func (s *Server) confirmRegistration(r *http.Request) (reply, error) {
	token := r.PathValue("confirmationToken")
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.userByToken(func(u *user) string { return u.confirmationToken }, token)
	if u == nil {
		return reply{}, notFound("Confirmation token %s not found", token)
	}
	u.confirmed, u.confirmationToken = true, ""
	return okEmpty, nil
}

// register creates an account. With an invitation token it also accepts that invitation, and the
// address counts as confirmed since the invitation reached it; so does an external provider's.
// Otherwise a confirmation token is mailed.
func (s *Server) register(r *http.Request) (reply, error) {
	var in registrationRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	if err := checkEmail(in.Email); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.userByEmail(in.Email)
	if u != nil && u.registered {
		return reply{}, conflict("User %s already registered", in.Email)
	}
	if in.InvitationToken != "" {
		invitee, err := s.st.userByInvitationToken(in.InvitationToken)
		if err != nil {
			return reply{}, err
		}
		if invitee != u {
			return reply{}, badRequest("Invitation token %s was sent to another address", in.InvitationToken)
		}
		u.accept()
		u.password = in.Password
		return okEmpty, nil
	}
	if u == nil {
		u = s.st.addUser(in.Email, time.Now().UTC().Truncate(time.Second))
	}
	u.registered, u.password = true, in.Password
	if in.ExternalProviderType != "" && in.ExternalProviderToken != "" {
		u.confirmed = true
		return okEmpty, nil
	}
	u.confirmationToken = newToken()
	s.st.send(u.email, MailConfirmation, u.confirmationToken)
	return okEmpty, nil
}

// resendConfirmation mails the pending confirmation token again (a new one if it was used); it answers
// the same for every address, like requestPasswordReset.
func (s *Server) resendConfirmation(r *http.Request) (reply, error) {
	var in emailRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.userByEmail(in.Email); u != nil && u.registered && !u.confirmed {
		if u.confirmationToken == "" {
			u.confirmationToken = newToken()
		}
		s.st.send(u.email, MailConfirmation, u.confirmationToken)
	}
	return okEmpty, nil
}

func (s *Server) getMyAccount(*http.Request) (reply, error) {
	return s.asOwner(func(st *store, u *user) (reply, error) {
		return ok(st.userJSON(u)), nil
	})
}

func (s *Server) updateMyAccount(r *http.Request) (reply, error) {
	var in profileRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	return s.asOwner(func(st *store, u *user) (reply, error) {
		in.apply(u)
		return ok(st.userJSON(u)), nil
	})
}

// deleteMyAccount deletes the token owner's account, after which the token opens nothing.
func (s *Server) deleteMyAccount(*http.Request) (reply, error) {
	return s.asOwner(func(st *store, u *user) (reply, error) {
		delete(st.users, u.id)
		return okEmpty, nil
	})
}

// userByToken finds the user whose token (as field reads it) is token; an empty token matches nobody.
func (st *store) userByToken(field func(*user) string, token string) *user {
	if token == "" {
		return nil
	}
	for _, u := range st.users {
		if field(u) == token {
			return u
		}
	}
	return nil
}
