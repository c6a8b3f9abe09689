package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewBanSettingsResource is the factory of synerise_ban_settings.
func NewBanSettingsResource() resource.Resource {
	fields := map[string]fieldTerraform{
		"blocking_for_client_enabled": described("Whether first- and second-level bans apply. Permanent bans always apply."),
	}
	levels := []struct{ level, ban string }{
		{"first", "first-level ban (on the profile's identifier, lifted by a password reset)"},
		{"second", "second-level ban (on the profile's identifier, lifted by a password reset)"},
		{"permanent", "permanent ban (on the IP address, lifted by a password reset)"},
	}
	for _, l := range levels {
		fields[l.level+"_ban_collecting_time"] = fieldTerraform{intRules: nonNegative,
			description: "Seconds during which failed logins are counted towards the " + l.ban + "; the timer starts at the first attempt."}
		fields[l.level+"_ban_duration"] = fieldTerraform{intRules: nonNegative, description: "Duration of the " + l.ban + " in seconds."}
		fields[l.level+"_ban_threshold"] = fieldTerraform{intRules: nonNegative,
			description: "Failed logins within the collecting time that trigger the " + l.ban + "."}
	}
	return &settingsResource{spec: newSettingsSpec(settings.BanSettings,
		"How profiles (your customers) are banned after repeated failed logins.", fields)}
}
