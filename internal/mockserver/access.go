package mockserver

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

func (s *Server) accessControlRoutes() []route {
	return slices.Concat(
		[]route{
			{"POST /uauth/business-profile/mfa/requirements", s.setMFARequirement(true)},
			{"DELETE /uauth/business-profile/mfa/requirements", s.setMFARequirement(false)},
			{"GET /uauth/users/my-account/strongest-password-settings", s.ownStrongestPasswordSettings},
			{"GET /uauth/strongest-password-settings-by-email/{email}", s.strongestPasswordSettingsByEmail},
			{"POST /uauth/users/mfa/initialization", s.initiateMFA},
			{"POST /uauth/users/mfa/confirmation", s.confirmMFA},
			{"DELETE /uauth/users/mfa", s.removeMFA},
		},
		settingsObject(s, "/uauth/settings/user-bp-ip-policy", func(st *settings) *ipPolicySettings { return &st.ipPolicy }, defaultIPPolicy, checkIPPolicy),
		settingsObject(s, "/uauth/settings/password-policy", func(st *settings) *passwordSettings { return &st.password }, zeroDefaults, checkPasswordPolicy),
	)
}

type ipPolicySettings struct {
	Enabled              bool     `json:"enabled"`
	EnableSupportSubnets bool     `json:"enableSupportSubnets"`
	IPPolicy             []string `json:"ipPolicy"`
}

func defaultIPPolicy() ipPolicySettings { return ipPolicySettings{IPPolicy: []string{}} }

// checkIPPolicy accepts IPv4 addresses only: the reference speaks of "IPv4 addresses", not of ranges.
func checkIPPolicy(p *ipPolicySettings) error {
	if p.IPPolicy == nil {
		p.IPPolicy = []string{}
	}
	for _, entry := range p.IPPolicy {
		if addr, err := netip.ParseAddr(entry); err == nil && addr.Is4() && addr.String() == entry {
			continue
		}
		return badRequest("Invalid IP address %q: expected an IPv4 address such as 203.0.113.7", entry)
	}
	return nil
}

type passwordSettings struct {
	Attempts     int64 `json:"attempts"`
	Block        int64 `json:"block"`
	Different    int64 `json:"different"`
	Digits       int64 `json:"digits"`
	Expiration   int64 `json:"expiration"`
	LowerLetters int64 `json:"lowerLetters"`
	MaxIdleTime  int64 `json:"maxIdleTime"`
	MaxLength    int64 `json:"maxLength"`
	MinLength    int64 `json:"minLength"`
	NextChange   int64 `json:"nextChange"`
	SpecialChars int64 `json:"specialChars"`
	UpperLetters int64 `json:"upperLetters"`
}

// checkPasswordPolicy refuses negative values and a minimum length above a set maximum; 0 disables
// a requirement, so a maximum of 0 bounds nothing.
func checkPasswordPolicy(p *passwordSettings) error {
	for _, f := range []struct {
		name  string
		value int64
	}{
		{"attempts", p.Attempts}, {"block", p.Block}, {"different", p.Different}, {"digits", p.Digits},
		{"expiration", p.Expiration}, {"lowerLetters", p.LowerLetters}, {"maxIdleTime", p.MaxIdleTime},
		{"maxLength", p.MaxLength}, {"minLength", p.MinLength}, {"nextChange", p.NextChange},
		{"specialChars", p.SpecialChars}, {"upperLetters", p.UpperLetters},
	} {
		if f.value < 0 {
			return badRequest("%s must not be negative, got %d", f.name, f.value)
		}
	}
	if p.MaxLength > 0 && p.MinLength > p.MaxLength {
		return badRequest("minLength (%d) must not exceed maxLength (%d)", p.MinLength, p.MaxLength)
	}
	return nil
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
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.st.ownAccount()
	if err != nil {
		return reply{}, err
	}
	u.mfa.pending = mfaType
	secret := rand.Text()
	return ok(mfaInitJSON{
		Secret: secret,
		QRCodeURL: fmt.Sprintf("otpauth://totp/Synerise:%s?secret=%s&issuer=Synerise",
			url.PathEscape(u.email), secret),
	}), nil
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
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.st.ownAccount()
	if err != nil {
		return reply{}, err
	}
	if u.mfa.pending != mfaType {
		return reply{}, badRequest("Multi-factor authentication %s was not initiated", mfaType)
	}
	u.mfa = mfaState{active: mfaType, backupCode: strings.ToLower(rand.Text())}
	return ok(mfaBackupJSON{BackupCode: u.mfa.backupCode}), nil
}

func (s *Server) removeMFA(r *http.Request) (reply, error) {
	mfaType, backupCode := r.URL.Query().Get("mfaType"), r.URL.Query().Get("backupCode")
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.st.ownAccount()
	if err != nil {
		return reply{}, err
	}
	if u.mfa.active != mfaType {
		return reply{}, notFound("Multi-factor authentication %s of user %d not found", mfaType, u.id)
	}
	if backupCode != u.mfa.backupCode {
		return reply{}, badRequest("Invalid backup code")
	}
	u.mfa = mfaState{}
	return noContent, nil
}
