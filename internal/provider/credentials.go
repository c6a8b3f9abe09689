package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// envSkipCredentialsValidation switches the credentials check off when the block leaves
// skip_credentials_validation out.
const envSkipCredentialsValidation = "SYNERISE_SKIP_CREDENTIALS_VALIDATION"

// skipCredentialsValidationDescription is the argument's schema description, and with it its docs.
const skipCredentialsValidationDescription = "Whether to skip the check of the URL and the token that the provider makes " +
	"when Terraform configures it (one request, `GET /uauth/users/my-account`, retried and timed out like any other). " +
	"The check turns a wrong `api_url` or an expired, revoked or misscoped token into one error at plan time, before " +
	"any resource is read, instead of one error per resource at apply; it also tells the provider whom the token belongs " +
	"to, so that `synerise_invitation` and `synerise_invitations` can warn before a plan locks that user out. Skip it " +
	"only for an API that does not answer that request. `terraform validate` never configures the provider, so it " +
	"stays offline either way. Defaults to the `" + envSkipCredentialsValidation + "` environment variable " +
	"(`true` or `false`), then to `false`. A value known only after apply skips the check."

// credentialsCheckSkipped reads skip_credentials_validation, or its environment variable when the block
// leaves it out.
func credentialsCheckSkipped(value types.Bool, diags *diag.Diagnostics) bool {
	if value.IsUnknown() {
		return true
	}
	if !value.IsNull() {
		return value.ValueBool()
	}
	raw := os.Getenv(envSkipCredentialsValidation)
	if raw == "" {
		return false
	}
	skip, err := strconv.ParseBool(raw)
	if err != nil {
		diags.AddAttributeError(path.Root("skip_credentials_validation"), "Invalid credentials check switch",
			fmt.Sprintf("The %s environment variable must be true or false, got %q. Correct or unset it, or set "+
				"skip_credentials_validation in the provider block.", envSkipCredentialsValidation, raw))
	}
	return skip
}

// checkCredentials sends the one request that proves the URL and the token, and returns whom the token
// belongs to (a zero Account when the answer names nobody). A failure is one error that says which of
// the two to correct.
func checkCredentials(ctx context.Context, client *iam.Client, apiURL string, diags *diag.Diagnostics) iam.Account {
	owner, err := client.Whoami(ctx)
	if err == nil {
		return owner
	}
	const skip = "\n\nIf this API does not answer GET /uauth/users/my-account although the token works, set " +
		"skip_credentials_validation = true in the provider block or " + envSkipCredentialsValidation + "=true."
	var apiErr *iam.Error
	switch {
	case ctx.Err() != nil:
		diags.AddError("Credentials check interrupted", err.Error())
	case iam.IsUnauthorized(err):
		diags.AddAttributeError(path.Root("api_token"), "The Synerise API refused the token",
			fmt.Sprintf("The API at %s did not accept the token when the provider checked its credentials: %v\n\n"+
				"The token has expired or was revoked, or it belongs to another workspace or another API. Create a new "+
				"workspace token and provide it through api_token or the %s environment variable.", apiURL, err, envAPIToken))
	case iam.IsForbidden(err):
		diags.AddAttributeError(path.Root("api_token"), "The Synerise API token has the wrong scope",
			fmt.Sprintf("The API at %s refused the token a request any user may make, reading their own account: %v\n\n"+
				"The API recognises the token, but it does not open a workspace: it has the wrong scope (for example a "+
				"profile token where a workspace token is required), or its user has lost access to the workspace. "+
				"Use a workspace token of a Synerise user (api_token or %s).", apiURL, err, envAPIToken))
	case errors.As(err, &apiErr):
		diags.AddAttributeError(path.Root("api_url"), "Unexpected answer to the credentials check",
			fmt.Sprintf("The provider checked its credentials at %s, and got: %v\n\nCheck that api_url (or %s) names "+
				"the Synerise API, without a path the API does not have.%s", apiURL, err, envAPIURL, skip))
	default:
		diags.AddAttributeError(path.Root("api_url"), "Cannot reach the Synerise API",
			fmt.Sprintf("The provider could not reach the API at %s to check its credentials: %v\n\n"+
				"Check api_url (or the %s environment variable): its scheme, host name and port, and that the "+
				"network, a proxy or a TLS certificate does not stand in the way. If the API is only slow, raise "+
				"request_timeout (or %s).", apiURL, err, envAPIURL, envRequestTimeout))
	}
	return iam.Account{}
}
