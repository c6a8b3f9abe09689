package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewOAuthSettingsResource is the factory of synerise_oauth_settings.
func NewOAuthSettingsResource() resource.Resource {
	return &settingsResource{spec: newSettingsSpec(settings.OAuthSettings,
		"Authentication of profiles through your own OAuth server. Sign-in with Google, Facebook and Apple are "+
			"separate objects in the API and separate resources here (`synerise_google_sign_in`, `synerise_facebook_sign_in`, "+
			"`synerise_apple_sign_in`), so that each write touches exactly one object.",
		map[string]fieldTerraform{
			"enabled": described("Whether profiles may authenticate through your OAuth server."),
			"mode": {stringRules: oneOf("SERVER", "JWT_TOKEN"),
				description: "`SERVER`: Synerise verifies the token with your OAuth endpoint. `JWT_TOKEN`: Synerise verifies a JWT with your JWK."},
			"name": described("Name of the integration."),
			"endpoint": {stringRules: httpURL,
				description: "URL of the OAuth authorization endpoint in `SERVER` mode; `{{_snrs_access_token}}` inserts the token."},
			"headers": {sensitive: true, writeOnly: true,
				description: "Headers of the authorization request in `SERVER` mode. Sensitive: they usually carry credentials, " +
					"and are kept in the state so that changes outside Terraform show; `headers_wo` keeps them out of the state."},
			"mapping":            described("Field names of your endpoint by Synerise field name, such as `accessToken = \"token\"`."),
			"mapped_external":    described("When false, authentication requests must include the profile's customId."),
			"sync_data_on_login": described("Whether profile data from your provider is imported at every login rather than only the first."),
			"jwk_endpoint":       {stringRules: httpURL, description: "URL of the JWK in `JWT_TOKEN` mode."},
			"validation":         described("Validation mapping of fields of the JWT."),
		})}
}
