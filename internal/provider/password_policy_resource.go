package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NewPasswordPolicyResource is the factory of synerise_password_policy.
func NewPasswordPolicyResource() resource.Resource {
	count := func(attr, json, description string) settingField {
		return settingField{attr: attr, json: json, kind: intField, description: description + " 0 disables the requirement.", intRules: nonNegative}
	}
	fields := []settingField{
		count("attempts", "attempts", "Failed sign-ins after which an account is blocked."),
		count("block", "block", "Days after a password expires after which the account is blocked."),
		count("different", "different", "How many previous passwords a new one must differ from."),
		count("digits", "digits", "Minimum number of digits in a password."),
		count("expiration", "expiration", "Days after which a password expires."),
		count("lower_letters", "lowerLetters", "Minimum number of lower-case letters."),
		count("max_idle_time", "maxIdleTime", "Seconds after which an idle user is signed out."),
		count("max_length", "maxLength", "Maximum number of characters."),
		count("min_length", "minLength", "Minimum number of characters."),
		count("next_change", "nextChange", "Not used by Synerise at present; kept so that a write never resets it."),
		count("special_chars", "specialChars", "Minimum number of special characters."),
		count("upper_letters", "upperLetters", "Minimum number of upper-case letters."),
	}
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "password_policy",
		id:          "password_policy",
		path:        "/uauth/settings/password-policy",
		title:       "password policy",
		description: "The rules for the passwords of the workspace's users.",
		fields:      fields,
		validate: func(values map[string]attr.Value, diags *diag.Diagnostics) {
			atMost(values, "min_length", "max_length", diags)
		},
	}}
}
