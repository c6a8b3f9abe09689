package mockserver

import "time"

// AddMember makes a person with an account an ACTIVE member of the workspace, without roles, as an
// accepted invitation would, and returns their id.
func (s *Server) AddMember(email string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.addUser(email, time.Now().UTC().Truncate(time.Second))
	u.member, u.status = true, statusActive
	u.registered, u.confirmed = true, true
	return u.id
}

// EnableMFA sets up a member's multi-factor authentication with an authenticator app, as they would
// themselves, so that a test can reset it.
func (s *Server) EnableMFA(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.st.member(id)
	if err != nil {
		return err
	}
	u.mfa = mfaState{active: "TOTP_AUTHENTICATOR", backupCode: newToken()}
	return nil
}

// MFAEnabled reports whether a member has multi-factor authentication set up.
func (s *Server) MFAEnabled(id int64) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.st.member(id)
	if err != nil {
		return false, err
	}
	return u.mfa.active != "", nil
}
