package provider

import "github.com/hashicorp/terraform-plugin-framework/resource"

// signInResource is a switch of sign-in with another provider. The three are separate objects of the
// API, each with its own GET and POST; a resource each keeps every write to exactly one object.
func signInResource(suffix, provider, apiPath string, extra ...settingField) resource.Resource {
	enabled := settingField{attr: "enabled", json: "enabled", kind: boolField, description: "Whether profiles may sign in with " + provider + "."}
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  suffix,
		id:          suffix,
		path:        apiPath,
		title:       "Sign in with " + provider + " setting",
		description: "Whether profiles (your customers) may sign in with their " + provider + " account.",
		fields:      append([]settingField{enabled}, extra...),
	}}
}
