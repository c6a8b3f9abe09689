package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NewBanSettingsResource is the factory of synerise_ban_settings.
func NewBanSettingsResource() resource.Resource {
	fields := []settingField{{attr: "blocking_for_client_enabled", json: "blockingForClientEnabled", kind: boolField,
		description: "Whether first- and second-level bans apply. Permanent bans always apply."}}
	levels := []struct{ attr, json, ban string }{
		{"first", "first", "first-level ban (on the profile's identifier, lifted by a password reset)"},
		{"second", "second", "second-level ban (on the profile's identifier, lifted by a password reset)"},
		{"permanent", "permanent", "permanent ban (on the IP address, lifted by a password reset)"},
	}
	for _, l := range levels {
		fields = append(fields,
			settingField{attr: l.attr + "_ban_collecting_time", json: l.json + "BanCollectingTime", kind: intField, intRules: nonNegative,
				description: "Seconds during which failed logins are counted towards the " + l.ban + "; the timer starts at the first attempt."},
			settingField{attr: l.attr + "_ban_duration", json: l.json + "BanDuration", kind: intField, intRules: nonNegative,
				description: "Duration of the " + l.ban + " in seconds."},
			settingField{attr: l.attr + "_ban_threshold", json: l.json + "BanThreshold", kind: intField, intRules: nonNegative,
				description: "Failed logins within the collecting time that trigger the " + l.ban + "."},
		)
	}
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "ban_settings",
		id:          "ban_settings",
		path:        "/sauth/settings/ban",
		title:       "login ban settings",
		description: "How profiles (your customers) are banned after repeated failed logins.",
		fields:      fields,
	}}
}
