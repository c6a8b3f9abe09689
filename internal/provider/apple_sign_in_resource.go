package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewAppleSignInResource is the factory of synerise_apple_sign_in.
func NewAppleSignInResource() resource.Resource {
	return signInResource(settings.AppleSignIn, "Apple",
		map[string]fieldTerraform{"bundle": described("Name of your application package, such as `com.example.app`.")})
}
