package iam

import (
	"context"
	"net/http"
)

// Settings objects of the workspace. Each has a GET that reads the object and a POST that replaces it
// whole: a field left out of the POST is reset to its default. So every field is always sent, and no
// tag here has omitempty:
//   - strings the API keeps as null until set are *string; nil is sent as an explicit null, which
//     resets the value, and a pointer to "" is sent as "";
//   - booleans, integers and enums always have a value (false, 0 or the enum's default), so they are
//     plain types; their zero value is sent as false, 0 or "", and "" is no valid enum value, so fill
//     enums, for example from a previous Get;
//   - maps and lists are sent as {} and [] when nil, which is their default.
//
// The Set methods may be retried: sending the same whole object twice leaves the same result.

// BanSettings configures the bans applied to profiles after failed logins. Times are in seconds.
type BanSettings struct {
	// BlockingForClientEnabled turns first- and second-level bans on; permanent bans are always on.
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

// TemplateSettings holds the emails sent to profiles that change their email address; every field is null by default.
type TemplateSettings struct {
	ClientEmailChangeRequestMailSubject         *string `json:"clientEmailChangeRequestMailSubject"`
	ClientEmailChangeRequestMailBody            *string `json:"clientEmailChangeRequestMailBody"`
	ClientEmailChangeRequestMailTemplateID      *string `json:"clientEmailChangeRequestMailTemplateId"`
	ClientEmailChangeNotificationMailSubject    *string `json:"clientEmailChangeNotificationMailSubject"`
	ClientEmailChangeNotificationMailBody       *string `json:"clientEmailChangeNotificationMailBody"`
	ClientEmailChangeNotificationMailTemplateID *string `json:"clientEmailChangeNotificationMailTemplateId"`
}

// DeviceControlSettings configures how logins of profiles from unknown devices are authorised.
type DeviceControlSettings struct {
	// DeviceControlMode is OFF (the default), SOFT, HARD or CONDITIONAL_BASED_ON_LOCATION.
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

// GeneralSettings are the workspace's general profile-authentication settings.
type GeneralSettings struct {
	// TokenLifetimeInSeconds is required; 0 applies the global default of 60 minutes.
	TokenLifetimeInSeconds                   int64   `json:"tokenLifetimeInSeconds"`
	VoucherPoolUUID                          *string `json:"voucherPoolUuid"`
	AllowOverwriteCustomIdentify             bool    `json:"allowOverwriteCustomIdentify"`
	AllowOverwriteExternalID                 bool    `json:"allowOverwriteExternalId"`
	AllowEmailChangeFromWebForm              bool    `json:"allowEmailChangeFromWebForm"`
	AllowToPassCustomIdentifyWithVoucherPool bool    `json:"allowToPassCustomIdentifyWithVoucherPool"`
}

// OAuthSettings configures authentication of profiles with the workspace's own OAuth server.
type OAuthSettings struct {
	Enabled bool `json:"enabled"`
	// Mode is SERVER (the default) or JWT_TOKEN.
	Mode     string  `json:"mode"`
	Name     *string `json:"name"`
	Endpoint *string `json:"endpoint"`
	// Headers of the authorisation request in SERVER mode; nil is sent as {}.
	Headers map[string]string `json:"headers"`
	// Mapping maps Synerise field names to the OAuth endpoint's; nil is sent as {}.
	Mapping         map[string]string `json:"mapping"`
	MappedExternal  bool              `json:"mappedExternal"`
	SyncDataOnLogin bool              `json:"syncDataOnLogin"`
	JwkEndpoint     *string           `json:"jwkEndpoint"`
	// Validation maps fields of the JWT to validate; nil is sent as {}.
	Validation map[string]string `json:"validation"`
}

// SyneriseAuthSettings configures Synerise's own registration and login of profiles.
type SyneriseAuthSettings struct {
	// Enabled is required.
	Enabled bool `json:"enabled"`
	// RegistrationType is required: REQUIRE_ACTIVATION, REQUIRE_EMAIL_CONFIRMATION, REQUIRE_PIN_CONFIRMATION or AUTOMATIC (the default).
	RegistrationType string `json:"registrationType"`
	// PinConfirmationType is EVERYONE (the default) or ON_CONFLICT_WITH_EXTERNAL_ACCOUNT.
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

// FacebookOAuthSettings switches login of profiles with Facebook.
type FacebookOAuthSettings struct {
	Enabled bool `json:"enabled"`
}

// GoogleOAuthSettings switches login of profiles with Google.
type GoogleOAuthSettings struct {
	Enabled bool `json:"enabled"`
}

// AppleOAuthSettings configures Sign in with Apple for profiles.
type AppleOAuthSettings struct {
	Enabled bool `json:"enabled"`
	// Bundle is the application package name.
	Bundle *string `json:"bundle"`
}

// IPPolicySettings is the allowlist of addresses from which users may use the workspace.
type IPPolicySettings struct {
	// Enabled makes the allowlist effective.
	Enabled bool `json:"enabled"`
	// EnableSupportSubnets adds the addresses Synerise uses for service work.
	EnableSupportSubnets bool `json:"enableSupportSubnets"`
	// IPPolicy lists IPv4 addresses; the reference speaks of no ranges. nil is sent as [].
	IPPolicy []string `json:"ipPolicy"`
}

// PasswordPolicy is the workspace's policy for users' passwords; 0 disables a requirement.
type PasswordPolicy struct {
	// Attempts is the number of failed sign-ins after which an account is blocked.
	Attempts int64 `json:"attempts"`
	// Block is the number of days after password expiry after which an account is blocked.
	Block int64 `json:"block"`
	// Different is how many previous passwords a new one must differ from.
	Different int64 `json:"different"`
	Digits    int64 `json:"digits"`
	// Expiration is the number of days after which passwords expire.
	Expiration   int64 `json:"expiration"`
	LowerLetters int64 `json:"lowerLetters"`
	// MaxIdleTime is the number of seconds after which an idle user is signed out.
	MaxIdleTime int64 `json:"maxIdleTime"`
	MaxLength   int64 `json:"maxLength"`
	MinLength   int64 `json:"minLength"`
	// NextChange is not used by the API.
	NextChange   int64 `json:"nextChange"`
	SpecialChars int64 `json:"specialChars"`
	UpperLetters int64 `json:"upperLetters"`
}

// Paths of the settings objects.
const (
	banSettingsPath           = "/sauth/settings/ban"
	templateSettingsPath      = "/sauth/settings/templates"
	deviceControlSettingsPath = "/sauth/settings/device-control"
	generalSettingsPath       = "/sauth/settings/general"
	oauthSettingsPath         = "/sauth/settings/oauth"
	syneriseAuthSettingsPath  = "/sauth/settings/synerise-auth"
	facebookSettingsPath      = "/sauth/settings/oauth/facebook"
	googleSettingsPath        = "/sauth/settings/oauth/google"
	appleSettingsPath         = "/sauth/settings/oauth/apple"
	ipPolicySettingsPath      = "/uauth/settings/user-bp-ip-policy"
	passwordPolicyPath        = "/uauth/settings/password-policy"
)

func getSettings[T any](ctx context.Context, c *Client, path string) (*T, error) {
	var out T
	if err := c.do(ctx, request{method: http.MethodGet, path: path, idempotent: true}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func setSettings[T any](ctx context.Context, c *Client, path string, in T) (*T, error) {
	var out T
	if err := c.do(ctx, request{method: http.MethodPost, path: path, body: in, idempotent: true}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetBanSettings reads the bans applied after failed logins of profiles.
func (c *Client) GetBanSettings(ctx context.Context) (*BanSettings, error) {
	return getSettings[BanSettings](ctx, c, banSettingsPath)
}

// SetBanSettings replaces the ban settings and returns them as the API stored them.
func (c *Client) SetBanSettings(ctx context.Context, in BanSettings) (*BanSettings, error) {
	return setSettings(ctx, c, banSettingsPath, in)
}

// GetTemplateSettings reads the email-change email templates.
func (c *Client) GetTemplateSettings(ctx context.Context) (*TemplateSettings, error) {
	return getSettings[TemplateSettings](ctx, c, templateSettingsPath)
}

// SetTemplateSettings replaces the email-change email templates; nil fields reset to null.
func (c *Client) SetTemplateSettings(ctx context.Context, in TemplateSettings) (*TemplateSettings, error) {
	return setSettings(ctx, c, templateSettingsPath, in)
}

// GetDeviceControlSettings reads how logins from unknown devices are authorised.
func (c *Client) GetDeviceControlSettings(ctx context.Context) (*DeviceControlSettings, error) {
	return getSettings[DeviceControlSettings](ctx, c, deviceControlSettingsPath)
}

// SetDeviceControlSettings replaces the device authorisation settings.
func (c *Client) SetDeviceControlSettings(ctx context.Context, in DeviceControlSettings) (*DeviceControlSettings, error) {
	return setSettings(ctx, c, deviceControlSettingsPath, in)
}

// GetGeneralSettings reads the general profile-authentication settings.
func (c *Client) GetGeneralSettings(ctx context.Context) (*GeneralSettings, error) {
	return getSettings[GeneralSettings](ctx, c, generalSettingsPath)
}

// SetGeneralSettings replaces the general profile-authentication settings.
func (c *Client) SetGeneralSettings(ctx context.Context, in GeneralSettings) (*GeneralSettings, error) {
	return setSettings(ctx, c, generalSettingsPath, in)
}

// GetOAuthSettings reads the settings of authentication with the workspace's OAuth server.
func (c *Client) GetOAuthSettings(ctx context.Context) (*OAuthSettings, error) {
	return getSettings[OAuthSettings](ctx, c, oauthSettingsPath)
}

// SetOAuthSettings replaces the OAuth settings; nil maps are sent as {}.
func (c *Client) SetOAuthSettings(ctx context.Context, in OAuthSettings) (*OAuthSettings, error) {
	in.Headers = nonNilMap(in.Headers)
	in.Mapping = nonNilMap(in.Mapping)
	in.Validation = nonNilMap(in.Validation)
	return setSettings(ctx, c, oauthSettingsPath, in)
}

// GetSyneriseAuthSettings reads the settings of Synerise's own registration and login of profiles.
func (c *Client) GetSyneriseAuthSettings(ctx context.Context) (*SyneriseAuthSettings, error) {
	return getSettings[SyneriseAuthSettings](ctx, c, syneriseAuthSettingsPath)
}

// SetSyneriseAuthSettings replaces the settings of Synerise's own registration and login of profiles.
func (c *Client) SetSyneriseAuthSettings(ctx context.Context, in SyneriseAuthSettings) (*SyneriseAuthSettings, error) {
	return setSettings(ctx, c, syneriseAuthSettingsPath, in)
}

// GetFacebookOAuthSettings reads whether profiles may log in with Facebook.
func (c *Client) GetFacebookOAuthSettings(ctx context.Context) (*FacebookOAuthSettings, error) {
	return getSettings[FacebookOAuthSettings](ctx, c, facebookSettingsPath)
}

// SetFacebookOAuthSettings switches login with Facebook. The reference gives its success no body, so
// read the settings back (GetFacebookOAuthSettings).
func (c *Client) SetFacebookOAuthSettings(ctx context.Context, in FacebookOAuthSettings) error {
	return c.do(ctx, request{method: http.MethodPost, path: facebookSettingsPath, body: in, idempotent: true}, nil)
}

// GetGoogleOAuthSettings reads whether profiles may log in with Google.
func (c *Client) GetGoogleOAuthSettings(ctx context.Context) (*GoogleOAuthSettings, error) {
	return getSettings[GoogleOAuthSettings](ctx, c, googleSettingsPath)
}

// SetGoogleOAuthSettings switches login with Google. The reference gives its success no body, so read
// the settings back (GetGoogleOAuthSettings).
func (c *Client) SetGoogleOAuthSettings(ctx context.Context, in GoogleOAuthSettings) error {
	return c.do(ctx, request{method: http.MethodPost, path: googleSettingsPath, body: in, idempotent: true}, nil)
}

// GetAppleOAuthSettings reads the Sign in with Apple settings.
func (c *Client) GetAppleOAuthSettings(ctx context.Context) (*AppleOAuthSettings, error) {
	return getSettings[AppleOAuthSettings](ctx, c, appleSettingsPath)
}

// SetAppleOAuthSettings replaces the Sign in with Apple settings.
func (c *Client) SetAppleOAuthSettings(ctx context.Context, in AppleOAuthSettings) (*AppleOAuthSettings, error) {
	return setSettings(ctx, c, appleSettingsPath, in)
}

// GetIPPolicySettings reads the IP allowlist of the workspace.
func (c *Client) GetIPPolicySettings(ctx context.Context) (*IPPolicySettings, error) {
	return getSettings[IPPolicySettings](ctx, c, ipPolicySettingsPath)
}

// SetIPPolicySettings replaces the IP allowlist; a nil list is sent as [].
func (c *Client) SetIPPolicySettings(ctx context.Context, in IPPolicySettings) (*IPPolicySettings, error) {
	if in.IPPolicy == nil {
		in.IPPolicy = []string{}
	}
	return setSettings(ctx, c, ipPolicySettingsPath, in)
}

// GetPasswordPolicy reads the workspace's password policy for users.
func (c *Client) GetPasswordPolicy(ctx context.Context) (*PasswordPolicy, error) {
	return getSettings[PasswordPolicy](ctx, c, passwordPolicyPath)
}

// SetPasswordPolicy replaces the workspace's password policy for users.
func (c *Client) SetPasswordPolicy(ctx context.Context, in PasswordPolicy) (*PasswordPolicy, error) {
	return setSettings(ctx, c, passwordPolicyPath, in)
}

// nonNilMap turns nil into an empty map, so that it is sent as {} rather than null.
func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
