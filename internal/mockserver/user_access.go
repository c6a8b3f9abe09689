package mockserver

import (
	"net/http"
	"time"
)

type activationRequest struct {
	IDs []int64 `json:"ids"`
}

type accessTimeRequest struct {
	ExpirationDate *string `json:"expirationDate"`
}

// setActivation sets the status of several users at once, all or none.
func (s *Server) setActivation(status string) endpoint {
	return func(r *http.Request) (reply, error) {
		return withBody(s, r, func(st *store, in activationRequest) (reply, error) {
			users, err := st.members(in.IDs)
			if err != nil {
				return reply{}, err
			}
			for _, u := range users {
				if u.status == statusPending || u.status == statusExpired {
					return reply{}, conflict("User %d has not accepted the invitation: only members who did can be activated or deactivated", u.id)
				}
			}
			for _, u := range users {
				u.status = status
			}
			return okEmpty, nil
		})
	}
}

func (s *Server) setAccessTime(r *http.Request) (reply, error) {
	return onObjectWithBody(s, r, "userId", (*store).member, func(_ *store, u *user, in accessTimeRequest) (reply, error) {
		var at *time.Time
		if in.ExpirationDate != nil {
			t, err := parseTime(*in.ExpirationDate)
			if err != nil {
				return reply{}, err
			}
			at = &t
		}
		u.accessExpiration = at
		return okEmpty, nil
	})
}

// resetUserPassword mails the user a password reset token; their account is locked until they use it.
func (s *Server) resetUserPassword(r *http.Request) (reply, error) {
	return onObject(s, r, "userId", (*store).member, func(st *store, u *user) (reply, error) {
		st.requestPasswordReset(u)
		return okEmpty, nil
	})
}

func (s *Server) resetUserMFA(r *http.Request) (reply, error) {
	return onObject(s, r, "userId", (*store).member, func(_ *store, u *user) (reply, error) {
		u.mfa = mfaState{}
		return okEmpty, nil
	})
}
