package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NewSyneriseAuthSettingsResource is the factory of synerise_auth_settings.
func NewSyneriseAuthSettingsResource() resource.Resource {
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "auth_settings",
		id:          "auth_settings",
		path:        "/sauth/settings/synerise-auth",
		title:       "Synerise authentication settings",
		description: "Registration and login of profiles (your customers) with Synerise's own authentication: activation, PIN confirmation and password rules.",
		fields: []settingField{
			flagField("enabled", "enabled", "Whether profiles register and log in with Synerise authentication."),
			{attr: "registration_type", json: "registrationType", kind: stringField, byDefault: "AUTOMATIC",
				stringRules: oneOf("REQUIRE_ACTIVATION", "REQUIRE_EMAIL_CONFIRMATION", "REQUIRE_PIN_CONFIRMATION", "AUTOMATIC"),
				description: "How a new account is activated: `REQUIRE_ACTIVATION` (inactive until the emailed link is opened), " +
					"`REQUIRE_EMAIL_CONFIRMATION` (usable at once, to be confirmed), `REQUIRE_PIN_CONFIRMATION` (an emailed PIN), or `AUTOMATIC`."},
			{attr: "pin_confirmation_type", json: "pinConfirmationType", kind: stringField, byDefault: "EVERYONE", stringRules: oneOf("EVERYONE", "ON_CONFLICT_WITH_EXTERNAL_ACCOUNT"),
				description: "Whether PIN confirmation applies to every new account or only to one that conflicts with an external identity provider's."},
			{attr: "pin_confirmation_length", json: "pinConfirmationLength", kind: intField, byDefault: 6, intRules: nonNegative, description: "Number of characters of the PIN."},
			{attr: "pin_confirmation_valid_in_seconds", json: "pinConfirmationValidInSeconds", kind: intField, byDefault: 300, intRules: nonNegative, description: "Seconds a PIN stays valid."},
			flagField("allow_pin_resend_from_different_device_id", "allowPinResendFromDifferentDeviceId", "Whether a PIN email may be re-sent from another device than the last one that asked."),
			{attr: "confirmation_redirect_link", json: "confirmationRedirectLink", kind: stringField, stringRules: httpURL, description: "Where the confirmation link leads."},
			textField("confirmation_mail_subject", "confirmationMailSubject", "Subject of the activation email."),
			textField("confirmation_mail_body", "confirmationMailBody", "HTML body (one line, quotes escaped) of the activation email."),
			textField("confirmation_mail_template_id", "confirmationMailTemplateId", "Template of the activation email; overrides the body."),
			textField("password_reset_mail_template_id", "passwordResetMailTemplateId", "Template of the password reset email."),
			textField("password_reset_mail_subject", "passwordResetMailSubject", "Subject of the password reset email."),
			textField("password_reset_mail_body", "passwordResetMailBody", "HTML body of the password reset email."),
			textField("pin_confirmation_mail_subject", "pinConfirmationMailSubject", "Subject of the PIN email."),
			textField("pin_confirmation_mail_body", "pinConfirmationMailBody", "HTML body of the PIN email; `{{ pin_code }}` inserts the PIN."),
			textField("pin_confirmation_mail_template_id", "pinConfirmationMailTemplateId", "Template of the PIN email; overrides the body."),
			{attr: "max_length", json: "maxLength", kind: intField, intRules: nonNegative, description: "Maximum length of a password; 0 for none."},
			{attr: "min_length", json: "minLength", kind: intField, intRules: nonNegative, description: "Minimum length of a password; 0 for none."},
			flagField("require_at_least_one_lowercase_letter", "requireAtLeastOneLowercaseLetter", "Whether a password needs a lower-case letter."),
			flagField("require_at_least_one_non_alpha_numeric_character", "requireAtLeastOneNonAlphaNumericCharacter", "Whether a password needs a character that is neither letter nor digit."),
			flagField("require_at_least_one_number", "requireAtLeastOneNumber", "Whether a password needs a digit."),
			flagField("require_at_least_one_uppercase_letter", "requireAtLeastOneUppercaseLetter", "Whether a password needs an upper-case letter."),
		},
		validate: func(values map[string]attr.Value, diags *diag.Diagnostics) {
			atMost(values, "min_length", "max_length", diags)
		},
	}}
}
