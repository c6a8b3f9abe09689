package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewGeneralSettingsResource is the factory of synerise_general_settings.
func NewGeneralSettingsResource() resource.Resource {
	return &settingsResource{spec: newSettingsSpec(settings.GeneralSettings,
		"General settings of how profiles (your customers) authenticate and identify themselves.",
		map[string]fieldTerraform{
			"token_lifetime_in_seconds": {intRules: nonNegative,
				description: "Seconds before authorization tokens expire; 0 applies the global default of 60 minutes."},
			"voucher_pool_uuid":                described("UUID of the voucher pool that provides customId values for new profiles."),
			"allow_overwrite_custom_identify":  described("Whether a profile's customId may be changed."),
			"allow_overwrite_external_id":      described("Whether a profile's externalId may be changed, for example after re-registration with an external provider."),
			"allow_email_change_from_web_form": described("Whether an email change may be requested and confirmed with a web form."),
			"allow_to_pass_custom_identify_with_voucher_pool": described(
				"Whether a customId may be given although a voucher pool is configured (no voucher is then assigned)."),
		})}
}
