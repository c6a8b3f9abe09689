package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// signInResource is a switch of sign-in with another provider. The three are separate objects of the
// API, each with its own GET and POST; a resource each keeps every write to exactly one object.
func signInResource(typ settings.Type, provider string, extra map[string]fieldTerraform) resource.Resource {
	fields := map[string]fieldTerraform{"enabled": described("Whether profiles may sign in with " + provider + ".")}
	for attr, f := range extra {
		fields[attr] = f
	}
	return &settingsResource{spec: newSettingsSpec(typ, "Whether profiles (your customers) may sign in with their "+provider+" account.", fields)}
}
