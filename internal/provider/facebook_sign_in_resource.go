package provider

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewFacebookSignInResource is the factory of synerise_facebook_sign_in.
func NewFacebookSignInResource() resource.Resource {
	return signInResource("facebook_sign_in", "Facebook", "/sauth/settings/oauth/facebook")
}
