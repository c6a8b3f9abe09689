package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NewOAuthSettingsResource is the factory of synerise_oauth_settings.
func NewOAuthSettingsResource() resource.Resource {
	return &settingsResource{spec: settingsSpec{
		typeSuffix: "oauth_settings",
		id:         "oauth_settings",
		path:       "/sauth/settings/oauth",
		title:      "OAuth settings",
		description: "Authentication of profiles through your own OAuth server. Sign-in with Google, Facebook and Apple are " +
			"separate objects in the API and separate resources here (`synerise_google_sign_in`, `synerise_facebook_sign_in`, " +
			"`synerise_apple_sign_in`), so that each write touches exactly one object.",
		fields: []settingField{
			{attr: "enabled", json: "enabled", kind: boolField, description: "Whether profiles may authenticate through your OAuth server."},
			{attr: "mode", json: "mode", kind: stringField, byDefault: "SERVER", stringRules: oneOf("SERVER", "JWT_TOKEN"),
				description: "`SERVER`: Synerise verifies the token with your OAuth endpoint. `JWT_TOKEN`: Synerise verifies a JWT with your JWK."},
			{attr: "name", json: "name", kind: stringField, description: "Name of the integration."},
			{attr: "endpoint", json: "endpoint", kind: stringField, stringRules: httpURL,
				description: "URL of the OAuth authorization endpoint in `SERVER` mode; `{{_snrs_access_token}}` inserts the token."},
			{attr: "headers", json: "headers", kind: stringMapField, sensitive: true, writeOnly: true,
				description: "Headers of the authorization request in `SERVER` mode. Sensitive: they usually carry credentials, " +
					"and are kept in the state so that changes outside Terraform show; `headers_wo` keeps them out of the state."},
			{attr: "mapping", json: "mapping", kind: stringMapField,
				description: "Field names of your endpoint by Synerise field name, such as `accessToken = \"token\"`."},
			{attr: "mapped_external", json: "mappedExternal", kind: boolField,
				description: "When false, authentication requests must include the profile's customId."},
			{attr: "sync_data_on_login", json: "syncDataOnLogin", kind: boolField,
				description: "Whether profile data from your provider is imported at every login rather than only the first."},
			{attr: "jwk_endpoint", json: "jwkEndpoint", kind: stringField, stringRules: httpURL,
				description: "URL of the JWK in `JWT_TOKEN` mode."},
			{attr: "validation", json: "validation", kind: stringMapField, description: "Validation mapping of fields of the JWT."},
		},
	}}
}
