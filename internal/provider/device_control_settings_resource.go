package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewDeviceControlSettingsResource is the factory of synerise_device_control_settings.
func NewDeviceControlSettingsResource() resource.Resource {
	return &settingsResource{spec: newSettingsSpec(settings.DeviceControlSettings,
		"How logins of profiles from unknown devices are authorized.",
		map[string]fieldTerraform{
			"device_control_mode": {stringRules: oneOf("OFF", "SOFT", "HARD", "CONDITIONAL_BASED_ON_LOCATION"),
				description: "`OFF`; `SOFT` notifies the profile; `HARD` blocks the login until the device is authorized by email; " +
					"`CONDITIONAL_BASED_ON_LOCATION` acts as SOFT in Poland and HARD elsewhere."},
			"hard_mail_body":   described("HTML body (one line, quotes escaped) of the authorization email in HARD mode."),
			"hard_mail_title":  described("Subject of the authorization email in HARD mode."),
			"hard_template_id": described("Template of the authorization email in HARD mode; overrides the body."),
			"soft_mail_body":   described("HTML body (one line, quotes escaped) of the notification in SOFT mode."),
			"soft_mail_title":  described("Subject of the notification in SOFT mode."),
			"soft_template_id": described("Template of the notification in SOFT mode; overrides the body."),
			"device_unlock_success_redirect_url": {stringRules: httpURL,
				description: "Where a profile lands after authorizing a device."},
			"device_unlock_already_confirmed_redirect_url": {stringRules: httpURL,
				description: "Where a profile lands when the device was authorized already."},
		})}
}
