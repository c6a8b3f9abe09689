package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewFacebookSignInResource is the factory of synerise_facebook_sign_in.
func NewFacebookSignInResource() resource.Resource {
	return signInResource(settings.FacebookSignIn, "Facebook", nil)
}
