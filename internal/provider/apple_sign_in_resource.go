package provider

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewAppleSignInResource is the factory of synerise_apple_sign_in.
func NewAppleSignInResource() resource.Resource {
	return signInResource("apple_sign_in", "Apple", "/sauth/settings/oauth/apple",
		settingField{attr: "bundle", json: "bundle", kind: stringField, description: "Name of your application package, such as `com.example.app`."})
}
