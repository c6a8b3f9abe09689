package mockserver

import (
	"encoding/json"
	"net/http"
	"net/netip"
)

// settings are the workspace's settings objects. Each is read whole by its GET and replaced whole by
// its POST: a field the POST leaves out (or sends as null) gets its default back.
type settings struct {
	ban           banSettings
	templates     templateSettings
	deviceControl deviceControlSettings
	general       generalSettings
	oauth         oauthSettings
	syneriseAuth  syneriseAuthSettings
	facebook      enabledSettings
	google        enabledSettings
	apple         appleSettings
	ipPolicy      ipPolicySettings
	password      passwordSettings
}

func defaultSettings() settings {
	return settings{
		deviceControl: defaultDeviceControl(),
		oauth:         defaultOauth(),
		syneriseAuth:  defaultSyneriseAuth(),
		ipPolicy:      defaultIPPolicy(),
	}
}

type banSettings struct {
	BlockingForClientEnabled   bool  `json:"blockingForClientEnabled"`
	FirstBanCollectingTime     int64 `json:"firstBanCollectingTime"`
	FirstBanDuration           int64 `json:"firstBanDuration"`
	FirstBanThreshold          int64 `json:"firstBanThreshold"`
	SecondBanCollectingTime    int64 `json:"secondBanCollectingTime"`
	SecondBanDuration          int64 `json:"secondBanDuration"`
	SecondBanThreshold         int64 `json:"secondBanThreshold"`
	PermanentBanCollectingTime int64 `json:"permanentBanCollectingTime"`
	PermanentBanDuration       int64 `json:"permanentBanDuration"`
	PermanentBanThreshold      int64 `json:"permanentBanThreshold"`
}

type templateSettings struct {
	ClientEmailChangeRequestMailSubject         *string `json:"clientEmailChangeRequestMailSubject"`
	ClientEmailChangeRequestMailBody            *string `json:"clientEmailChangeRequestMailBody"`
	ClientEmailChangeRequestMailTemplateID      *string `json:"clientEmailChangeRequestMailTemplateId"`
	ClientEmailChangeNotificationMailSubject    *string `json:"clientEmailChangeNotificationMailSubject"`
	ClientEmailChangeNotificationMailBody       *string `json:"clientEmailChangeNotificationMailBody"`
	ClientEmailChangeNotificationMailTemplateID *string `json:"clientEmailChangeNotificationMailTemplateId"`
}

type deviceControlSettings struct {
	DeviceControlMode                       string  `json:"deviceControlMode"`
	HardMailBody                            *string `json:"hardMailBody"`
	HardMailTitle                           *string `json:"hardMailTitle"`
	HardTemplateID                          *string `json:"hardTemplateId"`
	SoftMailBody                            *string `json:"softMailBody"`
	SoftMailTitle                           *string `json:"softMailTitle"`
	SoftTemplateID                          *string `json:"softTemplateId"`
	DeviceUnlockSuccessRedirectURL          *string `json:"deviceUnlockSuccessRedirectUrl"`
	DeviceUnlockAlreadyConfirmedRedirectURL *string `json:"deviceUnlockAlreadyConfirmedRedirectUrl"`
}

func defaultDeviceControl() deviceControlSettings {
	return deviceControlSettings{DeviceControlMode: "OFF"}
}

type generalSettings struct {
	TokenLifetimeInSeconds                   int64   `json:"tokenLifetimeInSeconds"`
	VoucherPoolUUID                          *string `json:"voucherPoolUuid"`
	AllowOverwriteCustomIdentify             bool    `json:"allowOverwriteCustomIdentify"`
	AllowOverwriteExternalID                 bool    `json:"allowOverwriteExternalId"`
	AllowEmailChangeFromWebForm              bool    `json:"allowEmailChangeFromWebForm"`
	AllowToPassCustomIdentifyWithVoucherPool bool    `json:"allowToPassCustomIdentifyWithVoucherPool"`
}

type oauthSettings struct {
	Enabled         bool              `json:"enabled"`
	Mode            string            `json:"mode"`
	Name            *string           `json:"name"`
	Endpoint        *string           `json:"endpoint"`
	Headers         map[string]string `json:"headers"`
	Mapping         map[string]string `json:"mapping"`
	MappedExternal  bool              `json:"mappedExternal"`
	SyncDataOnLogin bool              `json:"syncDataOnLogin"`
	JWKEndpoint     *string           `json:"jwkEndpoint"`
	Validation      map[string]string `json:"validation"`
}

func defaultOauth() oauthSettings {
	return oauthSettings{Mode: "SERVER", Headers: map[string]string{}, Mapping: map[string]string{}, Validation: map[string]string{}}
}

type syneriseAuthSettings struct {
	Enabled                                   bool    `json:"enabled"`
	RegistrationType                          string  `json:"registrationType"`
	PinConfirmationType                       string  `json:"pinConfirmationType"`
	PinConfirmationLength                     int64   `json:"pinConfirmationLength"`
	PinConfirmationValidInSeconds             int64   `json:"pinConfirmationValidInSeconds"`
	AllowPinResendFromDifferentDeviceID       bool    `json:"allowPinResendFromDifferentDeviceId"`
	ConfirmationRedirectLink                  *string `json:"confirmationRedirectLink"`
	ConfirmationMailSubject                   *string `json:"confirmationMailSubject"`
	ConfirmationMailBody                      *string `json:"confirmationMailBody"`
	ConfirmationMailTemplateID                *string `json:"confirmationMailTemplateId"`
	PasswordResetMailTemplateID               *string `json:"passwordResetMailTemplateId"`
	PasswordResetMailSubject                  *string `json:"passwordResetMailSubject"`
	PasswordResetMailBody                     *string `json:"passwordResetMailBody"`
	PinConfirmationMailSubject                *string `json:"pinConfirmationMailSubject"`
	PinConfirmationMailBody                   *string `json:"pinConfirmationMailBody"`
	PinConfirmationMailTemplateID             *string `json:"pinConfirmationMailTemplateId"`
	MaxLength                                 int64   `json:"maxLength"`
	MinLength                                 int64   `json:"minLength"`
	RequireAtLeastOneLowercaseLetter          bool    `json:"requireAtLeastOneLowercaseLetter"`
	RequireAtLeastOneNonAlphaNumericCharacter bool    `json:"requireAtLeastOneNonAlphaNumericCharacter"`
	RequireAtLeastOneNumber                   bool    `json:"requireAtLeastOneNumber"`
	RequireAtLeastOneUppercaseLetter          bool    `json:"requireAtLeastOneUppercaseLetter"`
}

func defaultSyneriseAuth() syneriseAuthSettings {
	return syneriseAuthSettings{
		RegistrationType:              "AUTOMATIC",
		PinConfirmationType:           "EVERYONE",
		PinConfirmationLength:         6,
		PinConfirmationValidInSeconds: 300,
	}
}

// enabledSettings is the Facebook and the Google sign-in switch.
type enabledSettings struct {
	Enabled bool `json:"enabled"`
}

type appleSettings struct {
	Enabled bool    `json:"enabled"`
	Bundle  *string `json:"bundle"`
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

// settingsObjects are the workspace's settings objects: where the API serves each, and the key a
// workspace snapshot (state_format.go) gives it.
var settingsObjects = []settingsObject{
	defineSettings("ban", "/sauth/settings/ban", func(st *settings) *banSettings { return &st.ban }, zeroDefaults, nil),
	defineSettings("templates", "/sauth/settings/templates", func(st *settings) *templateSettings { return &st.templates }, zeroDefaults, nil),
	defineSettings("deviceControl", "/sauth/settings/device-control", func(st *settings) *deviceControlSettings { return &st.deviceControl }, defaultDeviceControl, nil),
	defineSettings("general", "/sauth/settings/general", func(st *settings) *generalSettings { return &st.general }, zeroDefaults, nil),
	defineSettings("oauth", "/sauth/settings/oauth", func(st *settings) *oauthSettings { return &st.oauth }, defaultOauth, normaliseOauth),
	defineSettings("syneriseAuth", "/sauth/settings/synerise-auth", func(st *settings) *syneriseAuthSettings { return &st.syneriseAuth }, defaultSyneriseAuth, nil),
	defineSettings("facebook", "/sauth/settings/oauth/facebook", func(st *settings) *enabledSettings { return &st.facebook }, zeroDefaults, nil),
	defineSettings("google", "/sauth/settings/oauth/google", func(st *settings) *enabledSettings { return &st.google }, zeroDefaults, nil),
	defineSettings("apple", "/sauth/settings/oauth/apple", func(st *settings) *appleSettings { return &st.apple }, zeroDefaults, nil),
	defineSettings("ipPolicy", "/uauth/settings/user-bp-ip-policy", func(st *settings) *ipPolicySettings { return &st.ipPolicy }, defaultIPPolicy, checkIPPolicy),
	defineSettings("passwordPolicy", "/uauth/settings/password-policy", func(st *settings) *passwordSettings { return &st.password }, zeroDefaults, checkPasswordPolicy),
}

// settingsObject is one settings object: its routes, and how a workspace snapshot reads and writes it.
type settingsObject struct {
	key    string
	routes func(s *Server) []route
	// load replaces the object with raw decoded over its defaults, refusing fields it does not have.
	load func(st *settings, raw json.RawMessage) error
	dump func(st *settings) any
}

func (s *Server) settingsRoutes() []route {
	var routes []route
	for _, o := range settingsObjects {
		routes = append(routes, o.routes(s)...)
	}
	return routes
}

// defineSettings describes a settings object read whole by its GET and replaced whole by its POST or
// a snapshot: either is decoded over defaults, so what it leaves out (or sends as null) gets its
// default back; check, when given, may refuse or normalise the result.
func defineSettings[T any](key, path string, field func(*settings) *T, defaults func() T, check func(*T) error) settingsObject {
	build := func(decode func(*T) error) (T, error) {
		v := defaults()
		if err := decode(&v); err != nil {
			return v, err
		}
		if check != nil {
			if err := check(&v); err != nil {
				return v, err
			}
		}
		return v, nil
	}
	return settingsObject{
		key: key,
		routes: func(s *Server) []route {
			return []route{
				{"GET " + path, func(*http.Request) (reply, error) {
					return s.locked(func(st *store) (reply, error) { return ok(*field(&st.settings)), nil })
				}},
				{"POST " + path, func(r *http.Request) (reply, error) {
					v, err := build(func(v *T) error { return decodeBody(r, v) })
					if err != nil {
						return reply{}, err
					}
					return s.locked(func(st *store) (reply, error) {
						*field(&st.settings) = v
						return ok(v), nil
					})
				}},
			}
		},
		load: func(st *settings, raw json.RawMessage) error {
			v, err := build(func(v *T) error { return decodeStrict(raw, v) })
			if err != nil {
				return err
			}
			*field(st) = v
			return nil
		},
		dump: func(st *settings) any { return *field(st) },
	}
}

// zeroDefaults is the default of a settings object whose fields all default to false, 0 or null.
func zeroDefaults[T any]() T {
	var zero T
	return zero
}

// normaliseOauth turns maps sent as null into the empty maps they default to.
func normaliseOauth(o *oauthSettings) error {
	d := defaultOauth()
	if o.Headers == nil {
		o.Headers = d.Headers
	}
	if o.Mapping == nil {
		o.Mapping = d.Mapping
	}
	if o.Validation == nil {
		o.Validation = d.Validation
	}
	return nil
}
