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
// providerData is what Configure hands every resource, data source, list resource and action.
type providerData struct {
	client *iam.Client
	// tokenOwner is whom the token belongs to, as the credentials check found; zero when the check was
	// skipped or the API's answer named nobody.
	tokenOwner iam.Account
	// applyFrom is what the provider block declares as the addresses Terraform reaches the API from,
	// for the IP allowlist's guard against locking Terraform out.
	applyFrom declaredAddresses
}

func clientFrom(data any, diags *diag.Diagnostics) *iam.Client {
	if provided := providerDataFrom(data, diags); provided != nil {
		return provided.client
	}
	return nil
}

// tokenOwnerFrom is whom the token belongs to, for the guards against locking Terraform out (token_owner.go).
func tokenOwnerFrom(data any, diags *diag.Diagnostics) iam.Account {
	if provided := providerDataFrom(data, diags); provided != nil {
		return provided.tokenOwner
	}
	return iam.Account{}
}

// providerDataFrom is nil before the provider is configured, which Terraform does after validation.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	provided, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return provided
}

// addAPIError turns a failed call into a diagnostic that names what failed, the API's status and
// message, and what to do about the usual causes.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	detail := err.Error()
	var unknown *iam.OutcomeUnknownError
	if errors.As(err, &unknown) {
		detail += "\n\n" + findBeforeCreatingAgain(unknown)
	}
	var unconfirmed *iam.UnconfirmedResetError
	reset := errors.As(err, &unconfirmed)
	if reset {
		detail += "\n\n" + resetMayHaveHappened(unconfirmed)
	}
	var timeout *iam.TimeoutError
	if errors.As(err, &timeout) {
		detail += fmt.Sprintf("\n\nThe API did not answer within %s. If it is slow rather than down, raise request_timeout in the provider "+
			"block (or %s)", timeout.Timeout, envRequestTimeout)
		// A password reset that may have reached the API is never sent again, whatever max_retries says.
		if !reset {
			detail += "; max_retries and max_retry_wait give it more and longer chances"
		}
		detail += "."
	}
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

// resetMayHaveHappened explains a password reset that was not confirmed: the API may have mailed the
// link, and sending the reset again would void it.
func resetMayHaveHappened(e *iam.UnconfirmedResetError) string {
	what := "The request may have reached the API before it failed"
	if e.Interrupted {
		what = "The request was interrupted after it was sent"
	}
	return fmt.Sprintf("%s, so a link may have been mailed to user %d all the same; the provider did not send the request "+
		"again. Ask them whether a link arrived before invoking the action again: each reset mails a new link and voids "+
		"the one before.", what, e.UserID)
}

// findBeforeCreatingAgain explains a create whose outcome is unknown: the object may exist without
// Terraform knowing it, so applying again could make a second one.
func findBeforeCreatingAgain(e *iam.OutcomeUnknownError) string {
	const intro = "The %s may have been created although the provider could not confirm it, so Terraform has no record of it. "
	switch e.Kind {
	case iam.KindRole:
		return fmt.Sprintf(intro+"Applying again could create a second role of that name. Look for it first: if it exists, "+
			"find its id with data.synerise_role (its name and group_id), then bring it under Terraform with "+
			"terraform import synerise_role.<name> <id>; if it does not, apply again.", e.Object)
	case iam.KindRoleGroup:
		return fmt.Sprintf(intro+"Applying again could create a second group of that name. Look for it first: if it exists, "+
			"find its id with data.synerise_role_groups, then bring it under Terraform with "+
			"terraform import synerise_role_group.<name> <id>; if it does not, apply again.", e.Object)
	case iam.KindInvitation:
		return fmt.Sprintf(intro+"If data.synerise_users lists the address, applying again would be refused as a duplicate: "+
			"bring the invitation under Terraform with terraform import synerise_invitation.<name> <email address>; "+
			"if it does not, apply again.", e.Object)
	default:
		return fmt.Sprintf(intro+"If data.synerise_users lists the addresses, applying again would be refused as duplicates: "+
			"remove synerise_invitations.<name> from the state (terraform state rm) if it is there, then import it with "+
			"terraform import synerise_invitations.<name> <every address of its members, comma-separated>; "+
			"if it does not, apply again.", e.Object)
	}
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
