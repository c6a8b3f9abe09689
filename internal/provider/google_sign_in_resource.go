package provider

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewGoogleSignInResource is the factory of synerise_google_sign_in.
func NewGoogleSignInResource() resource.Resource {
	return signInResource("google_sign_in", "Google", "/sauth/settings/oauth/google")
}
