package provider

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// clientFrom takes the client that the provider's Configure built. providerData is nil while Terraform
// validates a configuration before the provider is configured; callers then leave the client unset.
func clientFrom(providerData any, diags *diag.Diagnostics) *iam.Client {
	if providerData == nil {
		return nil
	}
	client, ok := providerData.(*iam.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *iam.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return client
}

// addAPIError turns a failed call into a diagnostic that names what failed, the API's status and
// message, and what to do about the usual causes.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	detail := err.Error()
	switch {
	case iam.IsUnauthorized(err):
		detail += "\n\nThe API token is missing, expired or invalid. Provide a valid token through api_token or SYNERISE_API_TOKEN."
	case iam.IsForbidden(err):
		var apiErr *iam.Error
		if errors.As(err, &apiErr) && apiErr.Permission != "" {
			detail += fmt.Sprintf("\n\nThe token's user lacks the permission %q. Grant it to one of the user's roles, or use a token of a user who has it.", apiErr.Permission)
		} else {
			detail += "\n\nThe token's user lacks a permission this operation needs; grant it to one of the user's roles."
		}
	}
	diags.AddError(summary, detail)
}

// parseImportID reads an integer id given to `terraform import`.
func parseImportID(raw, what string, diags *diag.Diagnostics) (int64, bool) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		diags.AddError("Invalid import ID",
			fmt.Sprintf("Expected the numeric id of a %s, such as 12, got %q.", what, raw))
		return 0, false
	}
	return id, true
}
