package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewSyneriseAuthSettingsResource is the factory of synerise_auth_settings.
func NewSyneriseAuthSettingsResource() resource.Resource {
	spec := newSettingsSpec(settings.AuthSettings,
		"Registration and login of profiles (your customers) with Synerise's own authentication: activation, PIN confirmation and password rules.",
		map[string]fieldTerraform{
			"enabled": described("Whether profiles register and log in with Synerise authentication."),
			"registration_type": {stringRules: oneOf("REQUIRE_ACTIVATION", "REQUIRE_EMAIL_CONFIRMATION", "REQUIRE_PIN_CONFIRMATION", "AUTOMATIC"),
				description: "How a new account is activated: `REQUIRE_ACTIVATION` (inactive until the emailed link is opened), " +
					"`REQUIRE_EMAIL_CONFIRMATION` (usable at once, to be confirmed), `REQUIRE_PIN_CONFIRMATION` (an emailed PIN), or `AUTOMATIC`."},
			"pin_confirmation_type": {stringRules: oneOf("EVERYONE", "ON_CONFLICT_WITH_EXTERNAL_ACCOUNT"),
				description: "Whether PIN confirmation applies to every new account or only to one that conflicts with an external identity provider's."},
			"pin_confirmation_length":                          {intRules: nonNegative, description: "Number of characters of the PIN."},
			"pin_confirmation_valid_in_seconds":                {intRules: nonNegative, description: "Seconds a PIN stays valid."},
			"allow_pin_resend_from_different_device_id":        described("Whether a PIN email may be re-sent from another device than the last one that asked."),
			"confirmation_redirect_link":                       {stringRules: httpURL, description: "Where the confirmation link leads."},
			"confirmation_mail_subject":                        described("Subject of the activation email."),
			"confirmation_mail_body":                           described("HTML body (one line, quotes escaped) of the activation email."),
			"confirmation_mail_template_id":                    described("Template of the activation email; overrides the body."),
			"password_reset_mail_template_id":                  described("Template of the password reset email."),
			"password_reset_mail_subject":                      described("Subject of the password reset email."),
			"password_reset_mail_body":                         described("HTML body of the password reset email."),
			"pin_confirmation_mail_subject":                    described("Subject of the PIN email."),
			"pin_confirmation_mail_body":                       described("HTML body of the PIN email; `{{ pin_code }}` inserts the PIN."),
			"pin_confirmation_mail_template_id":                described("Template of the PIN email; overrides the body."),
			"max_length":                                       {intRules: nonNegative, description: "Maximum length of a password; 0 for none."},
			"min_length":                                       {intRules: nonNegative, description: "Minimum length of a password; 0 for none."},
			"require_at_least_one_lowercase_letter":            described("Whether a password needs a lower-case letter."),
			"require_at_least_one_non_alpha_numeric_character": described("Whether a password needs a character that is neither letter nor digit."),
			"require_at_least_one_number":                      described("Whether a password needs a digit."),
			"require_at_least_one_uppercase_letter":            described("Whether a password needs an upper-case letter."),
		})
	spec.validate = minLengthAtMostMax
	return &settingsResource{spec: spec}
}
