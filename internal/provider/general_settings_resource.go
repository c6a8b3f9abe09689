package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NewGeneralSettingsResource is the factory of synerise_general_settings.
func NewGeneralSettingsResource() resource.Resource {
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "general_settings",
		id:          "general_settings",
		path:        "/sauth/settings/general",
		title:       "general profile-authentication settings",
		description: "General settings of how profiles (your customers) authenticate and identify themselves.",
		fields: []settingField{
			{attr: "token_lifetime_in_seconds", json: "tokenLifetimeInSeconds", kind: intField, intRules: nonNegative,
				description: "Seconds before authorization tokens expire; 0 applies the global default of 60 minutes."},
			{attr: "voucher_pool_uuid", json: "voucherPoolUuid", kind: stringField,
				description: "UUID of the voucher pool that provides customId values for new profiles."},
			{attr: "allow_overwrite_custom_identify", json: "allowOverwriteCustomIdentify", kind: boolField,
				description: "Whether a profile's customId may be changed."},
			{attr: "allow_overwrite_external_id", json: "allowOverwriteExternalId", kind: boolField,
				description: "Whether a profile's externalId may be changed, for example after re-registration with an external provider."},
			{attr: "allow_email_change_from_web_form", json: "allowEmailChangeFromWebForm", kind: boolField,
				description: "Whether an email change may be requested and confirmed with a web form."},
			{attr: "allow_to_pass_custom_identify_with_voucher_pool", json: "allowToPassCustomIdentifyWithVoucherPool", kind: boolField,
				description: "Whether a customId may be given although a voucher pool is configured (no voucher is then assigned)."},
		},
	}}
}
