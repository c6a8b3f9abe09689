package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewGoogleSignInResource is the factory of synerise_google_sign_in.
func NewGoogleSignInResource() resource.Resource {
	return signInResource(settings.GoogleSignIn, "Google", nil)
}
