package settings

// The settings types. A new one is added here, with a resource in internal/provider built on its entry
// (a test fails until both exist); the review then reports it without a change of its own.
var (
	PasswordPolicy = Type{
		Name:  "synerise_password_policy",
		Title: "password policy",
		Path:  "/uauth/settings/password-policy",
		Fields: ints("attempts", "attempts", "block", "block", "different", "different", "digits", "digits",
			"expiration", "expiration", "lower_letters", "lowerLetters", "max_idle_time", "maxIdleTime",
			"max_length", "maxLength", "min_length", "minLength", "next_change", "nextChange",
			"special_chars", "specialChars", "upper_letters", "upperLetters"),
		OnDestroy: settingsOnDestroy,
	}
	IPPolicy = Type{
		Name:  "synerise_ip_policy",
		Title: "IP allowlist",
		Path:  "/uauth/settings/user-bp-ip-policy",
		Fields: []Field{
			{Attr: "enabled", JSON: "enabled", Kind: Bool},
			{Attr: "enable_support_subnets", JSON: "enableSupportSubnets", Kind: Bool},
			{Attr: "ip_policy", JSON: "ipPolicy", Kind: StringSet},
		},
		OnDestroy: settingsOnDestroy,
	}
	BanSettings = Type{
		Name:      "synerise_ban_settings",
		Title:     "login ban settings",
		Path:      "/sauth/settings/ban",
		Fields:    banFields(),
		OnDestroy: settingsOnDestroy,
	}
	// MFARequirement is not an object the API reads or writes whole: POST to its path turns it on,
	// DELETE off, and nothing reads it. So it has no JSON field, and no restore.
	MFARequirement = Type{
		Name:   "synerise_mfa_requirement",
		Title:  "MFA requirement",
		Path:   "/uauth/business-profile/mfa/requirements",
		Fields: []Field{{Attr: "enabled", Kind: Bool}},
		OnDestroy: []OnDestroy{
			{Reset, "disables the requirement"},
			{Retain, "leaves the requirement as it is and only stops managing it"},
		},
	}
	AuthSettings = Type{
		Name:  "synerise_auth_settings",
		Title: "Synerise authentication settings",
		Path:  "/sauth/settings/synerise-auth",
		Fields: []Field{
			{Attr: "enabled", JSON: "enabled", Kind: Bool},
			{Attr: "registration_type", JSON: "registrationType", Kind: String, Default: "AUTOMATIC"},
			{Attr: "pin_confirmation_type", JSON: "pinConfirmationType", Kind: String, Default: "EVERYONE"},
			{Attr: "pin_confirmation_length", JSON: "pinConfirmationLength", Kind: Int, Default: 6},
			{Attr: "pin_confirmation_valid_in_seconds", JSON: "pinConfirmationValidInSeconds", Kind: Int, Default: 300},
			{Attr: "allow_pin_resend_from_different_device_id", JSON: "allowPinResendFromDifferentDeviceId", Kind: Bool},
			{Attr: "confirmation_redirect_link", JSON: "confirmationRedirectLink", Kind: String},
			{Attr: "confirmation_mail_subject", JSON: "confirmationMailSubject", Kind: String},
			{Attr: "confirmation_mail_body", JSON: "confirmationMailBody", Kind: String},
			{Attr: "confirmation_mail_template_id", JSON: "confirmationMailTemplateId", Kind: String},
			{Attr: "password_reset_mail_template_id", JSON: "passwordResetMailTemplateId", Kind: String},
			{Attr: "password_reset_mail_subject", JSON: "passwordResetMailSubject", Kind: String},
			{Attr: "password_reset_mail_body", JSON: "passwordResetMailBody", Kind: String},
			{Attr: "pin_confirmation_mail_subject", JSON: "pinConfirmationMailSubject", Kind: String},
			{Attr: "pin_confirmation_mail_body", JSON: "pinConfirmationMailBody", Kind: String},
			{Attr: "pin_confirmation_mail_template_id", JSON: "pinConfirmationMailTemplateId", Kind: String},
			{Attr: "max_length", JSON: "maxLength", Kind: Int},
			{Attr: "min_length", JSON: "minLength", Kind: Int},
			{Attr: "require_at_least_one_lowercase_letter", JSON: "requireAtLeastOneLowercaseLetter", Kind: Bool},
			{Attr: "require_at_least_one_non_alpha_numeric_character", JSON: "requireAtLeastOneNonAlphaNumericCharacter", Kind: Bool},
			{Attr: "require_at_least_one_number", JSON: "requireAtLeastOneNumber", Kind: Bool},
			{Attr: "require_at_least_one_uppercase_letter", JSON: "requireAtLeastOneUppercaseLetter", Kind: Bool},
		},
		OnDestroy: settingsOnDestroy,
	}
	GeneralSettings = Type{
		Name:  "synerise_general_settings",
		Title: "general profile-authentication settings",
		Path:  "/sauth/settings/general",
		Fields: []Field{
			{Attr: "token_lifetime_in_seconds", JSON: "tokenLifetimeInSeconds", Kind: Int},
			{Attr: "voucher_pool_uuid", JSON: "voucherPoolUuid", Kind: String},
			{Attr: "allow_overwrite_custom_identify", JSON: "allowOverwriteCustomIdentify", Kind: Bool},
			{Attr: "allow_overwrite_external_id", JSON: "allowOverwriteExternalId", Kind: Bool},
			{Attr: "allow_email_change_from_web_form", JSON: "allowEmailChangeFromWebForm", Kind: Bool},
			{Attr: "allow_to_pass_custom_identify_with_voucher_pool", JSON: "allowToPassCustomIdentifyWithVoucherPool", Kind: Bool},
		},
		OnDestroy: settingsOnDestroy,
	}
	EmailTemplateSettings = Type{
		Name:  "synerise_email_template_settings",
		Title: "email template settings",
		Path:  "/sauth/settings/templates",
		Fields: texts("change_request_mail_subject", "clientEmailChangeRequestMailSubject",
			"change_request_mail_body", "clientEmailChangeRequestMailBody",
			"change_request_mail_template_id", "clientEmailChangeRequestMailTemplateId",
			"change_notification_mail_subject", "clientEmailChangeNotificationMailSubject",
			"change_notification_mail_body", "clientEmailChangeNotificationMailBody",
			"change_notification_mail_template_id", "clientEmailChangeNotificationMailTemplateId"),
		OnDestroy: settingsOnDestroy,
	}
	DeviceControlSettings = Type{
		Name:  "synerise_device_control_settings",
		Title: "device authorization settings",
		Path:  "/sauth/settings/device-control",
		Fields: append([]Field{{Attr: "device_control_mode", JSON: "deviceControlMode", Kind: String, Default: "OFF"}},
			texts("hard_mail_body", "hardMailBody", "hard_mail_title", "hardMailTitle", "hard_template_id", "hardTemplateId",
				"soft_mail_body", "softMailBody", "soft_mail_title", "softMailTitle", "soft_template_id", "softTemplateId",
				"device_unlock_success_redirect_url", "deviceUnlockSuccessRedirectUrl",
				"device_unlock_already_confirmed_redirect_url", "deviceUnlockAlreadyConfirmedRedirectUrl")...),
		OnDestroy: settingsOnDestroy,
	}
	OAuthSettings = Type{
		Name:  "synerise_oauth_settings",
		Title: "OAuth sign-in",
		Path:  "/sauth/settings/oauth",
		Fields: []Field{
			{Attr: "enabled", JSON: "enabled", Kind: Bool},
			{Attr: "mode", JSON: "mode", Kind: String, Default: "SERVER"},
			{Attr: "name", JSON: "name", Kind: String},
			{Attr: "endpoint", JSON: "endpoint", Kind: String},
			{Attr: "headers", JSON: "headers", Kind: StringMap},
			{Attr: "mapping", JSON: "mapping", Kind: StringMap},
			{Attr: "mapped_external", JSON: "mappedExternal", Kind: Bool},
			{Attr: "sync_data_on_login", JSON: "syncDataOnLogin", Kind: Bool},
			{Attr: "jwk_endpoint", JSON: "jwkEndpoint", Kind: String},
			{Attr: "validation", JSON: "validation", Kind: StringMap},
		},
		OnDestroy: settingsOnDestroy,
	}
	GoogleSignIn   = signIn("google", "Google")
	FacebookSignIn = signIn("facebook", "Facebook")
	AppleSignIn    = signIn("apple", "Apple", Field{Attr: "bundle", JSON: "bundle", Kind: String})
)

// All are the settings types, in the order of their names.
func All() []Type {
	return []Type{AppleSignIn, AuthSettings, BanSettings, DeviceControlSettings, EmailTemplateSettings, FacebookSignIn,
		GeneralSettings, GoogleSignIn, IPPolicy, MFARequirement, OAuthSettings, PasswordPolicy}
}

// settingsOnDestroy are the on_destroy values of an object the API reads and writes whole.
var settingsOnDestroy = []OnDestroy{restoreSettings, resetSettings, retainSettings}

// signIn is a switch of sign-in with another provider: a separate object of the API for each.
func signIn(name, provider string, extra ...Field) Type {
	return Type{
		Name:      typePrefix + name + "_sign_in",
		Title:     provider + " sign-in",
		Path:      "/sauth/settings/oauth/" + name,
		Fields:    append([]Field{{Attr: "enabled", JSON: "enabled", Kind: Bool}}, extra...),
		OnDestroy: settingsOnDestroy,
	}
}

// banFields are the switch of bans and, for each level, when it applies and how long it lasts.
func banFields() []Field {
	fields := []Field{{Attr: "blocking_for_client_enabled", JSON: "blockingForClientEnabled", Kind: Bool}}
	for _, level := range []string{"first", "second", "permanent"} {
		fields = append(fields, ints(
			level+"_ban_collecting_time", level+"BanCollectingTime",
			level+"_ban_duration", level+"BanDuration",
			level+"_ban_threshold", level+"BanThreshold")...)
	}
	return fields
}

// ints are integer fields, 0 by default, given as pairs of attribute and JSON name.
func ints(pairs ...string) []Field { return fieldsOf(Int, pairs) }

// texts are string fields, null by default, given as pairs of attribute and JSON name.
func texts(pairs ...string) []Field { return fieldsOf(String, pairs) }

func fieldsOf(kind Kind, pairs []string) []Field {
	fields := make([]Field, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		fields = append(fields, Field{Attr: pairs[i], JSON: pairs[i+1], Kind: kind})
	}
	return fields
}
