package mockserver

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

func (s *Server) accessControlRoutes() []route {
	return []route{
		{"POST /uauth/business-profile/mfa/requirements", s.setMFARequirement(true)},
		{"DELETE /uauth/business-profile/mfa/requirements", s.setMFARequirement(false)},
		{"GET /uauth/users/my-account/strongest-password-settings", s.ownStrongestPasswordSettings},
		{"GET /uauth/strongest-password-settings-by-email/{email}", s.strongestPasswordSettingsByEmail},
		{"POST /uauth/users/mfa/initialization", s.initiateMFA},
		{"POST /uauth/users/mfa/confirmation", s.confirmMFA},
		{"DELETE /uauth/users/mfa", s.removeMFA},
	}
}

// setMFARequirement switches the workspace's MFA requirement; the API has no GET for it, so tests
// read it from Snapshot.
func (s *Server) setMFARequirement(required bool) endpoint {
	return func(*http.Request) (reply, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.st.mfaRequired = required
		return okEmpty, nil
	}
}

// ownStrongestPasswordSettings is the workspace's policy: the mock serves one workspace, so it is
// the strictest of the user's workspaces.
func (s *Server) ownStrongestPasswordSettings(*http.Request) (reply, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.st.ownAccount(); err != nil {
		return reply{}, err
	}
	return ok(s.st.settings.password), nil
}

func (s *Server) strongestPasswordSettingsByEmail(r *http.Request) (reply, error) {
	email := r.PathValue("email")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.userByEmail(email) == nil {
		return reply{}, notFound("User %s not found", email)
	}
	return ok(s.st.settings.password), nil
}

type mfaInitJSON struct {
	Secret    string `json:"secret"`
	QRCodeURL string `json:"qrCodeUrl"`
}

type mfaConfirmRequest struct {
	VerificationCode string `json:"verificationCode"`
}

type mfaBackupJSON struct {
	BackupCode string `json:"backupCode"`
}

var mfaCode = regexp.MustCompile(`^[0-9]{6}$`)

// initiateMFA starts enabling MFA for the token's user; confirmMFA finishes it.
func (s *Server) initiateMFA(r *http.Request) (reply, error) {
	mfaType := r.URL.Query().Get("mfaType")
	return s.asOwner(func(_ *store, u *user) (reply, error) {
		u.mfa.pending = mfaType
		secret := rand.Text()
		return ok(mfaInitJSON{
			Secret: secret,
			QRCodeURL: fmt.Sprintf("otpauth://totp/Synerise:%s?secret=%s&issuer=Synerise",
				url.PathEscape(u.email), secret),
		}), nil
	})
}

// confirmMFA accepts any six-digit code: the mock cannot know the user's authenticator.
func (s *Server) confirmMFA(r *http.Request) (reply, error) {
	mfaType := r.URL.Query().Get("mfaType")
	var in mfaConfirmRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	if !mfaCode.MatchString(in.VerificationCode) {
		return reply{}, badRequest("Invalid verification code: expected six digits")
	}
	return s.asOwner(func(_ *store, u *user) (reply, error) {
		if u.mfa.pending != mfaType {
			return reply{}, badRequest("Multi-factor authentication %s was not initiated", mfaType)
		}
		u.mfa = mfaState{active: mfaType, backupCode: strings.ToLower(rand.Text())}
		return ok(mfaBackupJSON{BackupCode: u.mfa.backupCode}), nil
	})
}

func (s *Server) removeMFA(r *http.Request) (reply, error) {
	mfaType, backupCode := r.URL.Query().Get("mfaType"), r.URL.Query().Get("backupCode")
	return s.asOwner(func(_ *store, u *user) (reply, error) {
		if u.mfa.active != mfaType {
			return reply{}, notFound("Multi-factor authentication %s of user %d not found", mfaType, u.id)
		}
		if backupCode != u.mfa.backupCode {
			return reply{}, badRequest("Invalid backup code")
		}
		u.mfa = mfaState{}
		return noContent, nil
	})
}
