package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// The three social sign-in switches are separate objects of the API, each with its own GET and POST;
// a resource each keeps every write to exactly one object.

// NewGoogleSignInResource is the factory of synerise_google_sign_in.
func NewGoogleSignInResource() resource.Resource {
	get, set := settingsAPI((*iam.Client).GetGoogleOAuthSettings, readBack((*iam.Client).SetGoogleOAuthSettings))
	return socialSignIn("google_sign_in", "Google", get, set, nil)
}

// NewFacebookSignInResource is the factory of synerise_facebook_sign_in.
func NewFacebookSignInResource() resource.Resource {
	get, set := settingsAPI((*iam.Client).GetFacebookOAuthSettings, readBack((*iam.Client).SetFacebookOAuthSettings))
	return socialSignIn("facebook_sign_in", "Facebook", get, set, nil)
}

// readBack adapts a write whose success the API reference gives no body: it returns no object, so
// settingsAPI reads what the API stored.
func readBack[T any](set func(*iam.Client, context.Context, T) error) func(*iam.Client, context.Context, T) (*T, error) {
	return func(c *iam.Client, ctx context.Context, in T) (*T, error) {
		return nil, set(c, ctx, in)
	}
}

// NewAppleSignInResource is the factory of synerise_apple_sign_in.
func NewAppleSignInResource() resource.Resource {
	get, set := settingsAPI((*iam.Client).GetAppleOAuthSettings, (*iam.Client).SetAppleOAuthSettings)
	bundle := settingField{attr: "bundle", json: "bundle", kind: stringField, description: "Name of your application package, such as `com.example.app`."}
	return socialSignIn("apple_sign_in", "Apple", get, set, &bundle)
}

func socialSignIn(suffix, provider string,
	get func(context.Context, *iam.Client) (map[string]any, error),
	set func(context.Context, *iam.Client, map[string]any) (map[string]any, error),
	extra *settingField,
) resource.Resource {
	fields := []settingField{{attr: "enabled", json: "enabled", kind: boolField, description: "Whether profiles may sign in with " + provider + "."}}
	defaults := map[string]any{"enabled": false}
	if extra != nil {
		fields = append(fields, *extra)
		defaults[extra.json] = nil
	}
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  suffix,
		id:          suffix,
		title:       "Sign in with " + provider + " setting",
		description: "Whether profiles (your customers) may sign in with their " + provider + " account.",
		fields:      fields,
		defaults:    defaults,
		get:         get,
		set:         set,
	}}
}
