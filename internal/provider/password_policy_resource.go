package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewPasswordPolicyResource is the factory of synerise_password_policy.
func NewPasswordPolicyResource() resource.Resource {
	count := func(description string) fieldTerraform {
		return fieldTerraform{description: description + " 0 disables the requirement.", intRules: nonNegative}
	}
	spec := newSettingsSpec(settings.PasswordPolicy, "The rules for the passwords of the workspace's users.", map[string]fieldTerraform{
		"attempts":      count("Failed sign-ins after which an account is blocked."),
		"block":         count("Days after a password expires after which the account is blocked."),
		"different":     count("How many previous passwords a new one must differ from."),
		"digits":        count("Minimum number of digits in a password."),
		"expiration":    count("Days after which a password expires."),
		"lower_letters": count("Minimum number of lower-case letters."),
		"max_idle_time": count("Seconds after which an idle user is signed out."),
		"max_length":    count("Maximum number of characters."),
		"min_length":    count("Minimum number of characters."),
		"next_change":   count("Not used by Synerise at present; kept so that a write never resets it."),
		"special_chars": count("Minimum number of special characters."),
		"upper_letters": count("Minimum number of upper-case letters."),
	})
	spec.validate = minLengthAtMostMax
	return &settingsResource{spec: spec}
}
