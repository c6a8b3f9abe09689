package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NewDeviceControlSettingsResource is the factory of synerise_device_control_settings.
func NewDeviceControlSettingsResource() resource.Resource {
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "device_control_settings",
		id:          "device_control_settings",
		path:        "/sauth/settings/device-control",
		title:       "device authorization settings",
		description: "How logins of profiles from unknown devices are authorized.",
		fields: []settingField{
			{attr: "device_control_mode", json: "deviceControlMode", kind: stringField, byDefault: "OFF",
				stringRules: oneOf("OFF", "SOFT", "HARD", "CONDITIONAL_BASED_ON_LOCATION"),
				description: "`OFF`; `SOFT` notifies the profile; `HARD` blocks the login until the device is authorized by email; " +
					"`CONDITIONAL_BASED_ON_LOCATION` acts as SOFT in Poland and HARD elsewhere."},
			textField("hard_mail_body", "hardMailBody", "HTML body (one line, quotes escaped) of the authorization email in HARD mode."),
			textField("hard_mail_title", "hardMailTitle", "Subject of the authorization email in HARD mode."),
			textField("hard_template_id", "hardTemplateId", "Template of the authorization email in HARD mode; overrides the body."),
			textField("soft_mail_body", "softMailBody", "HTML body (one line, quotes escaped) of the notification in SOFT mode."),
			textField("soft_mail_title", "softMailTitle", "Subject of the notification in SOFT mode."),
			textField("soft_template_id", "softTemplateId", "Template of the notification in SOFT mode; overrides the body."),
			{attr: "device_unlock_success_redirect_url", json: "deviceUnlockSuccessRedirectUrl", kind: stringField, stringRules: httpURL,
				description: "Where a profile lands after authorizing a device."},
			{attr: "device_unlock_already_confirmed_redirect_url", json: "deviceUnlockAlreadyConfirmedRedirectUrl", kind: stringField, stringRules: httpURL,
				description: "Where a profile lands when the device was authorized already."},
		},
	}}
}
