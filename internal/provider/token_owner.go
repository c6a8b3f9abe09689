package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// The guard against a plan that locks Terraform out of the workspace: removing, deactivating, expiring
// or taking every role from the member whose token Terraform uses. Whom the token belongs to comes from
// the credentials check (GET /uauth/users/my-account, credentials.go). ASSUMPTION: the reference does
// not describe that answer, so it does not promise that it names the token's user; the guard therefore
// warns and never refuses, and says why.

// tokenOwnerAcknowledgement is the member attribute that silences the guard, so that a plan shows who
// overrode it.
const tokenOwnerAcknowledgement = "allow_token_owner_lockout"

func tokenOwnerAcknowledgementAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		Description: "Acknowledges that this member may be the user whose API token Terraform uses, and that the plan " +
			"may take away that user's access: remove them, deactivate them (`active = false`), set or bring forward " +
			"their `access_expires_at`, or take every role from them. Without it such a plan warns, since after the " +
			"apply Terraform could no longer reach the workspace to undo it. The provider learns whom the token " +
			"belongs to when it checks its credentials (see `skip_credentials_validation`); the API reference does not " +
			"promise that answer, so this is a warning, never an error. Set it in the same plan as the change; for a " +
			"removal, apply it first, since a removed member has no configuration left to carry it. It changes nothing " +
			"in the workspace, and the access review flags every plan that sets it.",
		Optional: true,
	}
}

// warnTokenOwnerLockoutOfMembers is synerise_invitations' guard: members are matched by address, as
// the resource matches them, so a member who only moves to another label keeps their access. planned is
// nil when the resource is destroyed.
func warnTokenOwnerLockoutOfMembers(owner iam.Account, prior, planned map[string]memberModel, diags *diag.Diagnostics) {
	if !owner.Named() {
		return
	}
	plannedByAddress := make(map[string]string, len(planned))
	for label, m := range planned {
		plannedByAddress[strings.ToLower(m.Email.ValueString())] = label
	}
	for _, label := range slices.Sorted(maps.Keys(prior)) {
		m := prior[label]
		var stays *memberModel
		at := path.Root("members").AtMapKey(label)
		if plannedLabel, ok := plannedByAddress[strings.ToLower(m.Email.ValueString())]; ok {
			p := planned[plannedLabel]
			stays, at = &p, path.Root("members").AtMapKey(plannedLabel)
		}
		warnIfLockedOut(owner, m, stays, at, diags)
	}
}

// warnIfLockedOut warns when prior is the token's owner and planned (nil when the member goes) takes
// their access, unless either acknowledges it. at is the member's path in the plan; Empty for a whole
// synerise_invitation.
func warnIfLockedOut(owner iam.Account, prior memberModel, planned *memberModel, at path.Path, diags *diag.Diagnostics) {
	if !isTokenOwner(owner, prior) || prior.AllowTokenOwnerLockout.ValueBool() {
		return
	}
	change := ""
	switch {
	case planned == nil || !strings.EqualFold(planned.Email.ValueString(), prior.Email.ValueString()):
		change = "removes them from the workspace"
	case planned.AllowTokenOwnerLockout.ValueBool():
		return
	case planned.Active.Equal(types.BoolValue(false)) && !prior.Active.Equal(types.BoolValue(false)):
		change, at = "deactivates them (active = false)", at.AtName("active")
	case expiryBroughtForward(prior, *planned):
		change, at = "ends their access at "+planned.AccessExpiresAt.ValueString(), at.AtName("access_expires_at")
	case len(planned.RoleIDs.Elements()) == 0 && !planned.RoleIDs.IsUnknown() && len(prior.RoleIDs.Elements()) > 0:
		change, at = "takes every role from them", at.AtName("role_ids")
	default:
		return
	}
	detail := fmt.Sprintf("%s is the user whose API token Terraform uses, as the API named them when the provider checked its "+
		"credentials (GET /uauth/users/my-account), and this plan %s. Once it is applied, the token may stop working, and no "+
		"later plan could undo the change through Terraform: someone would have to restore the access in the Synerise app.\n\n"+
		"If that is intended (for example, CI moves to another user's token first), set %s = true on this member, and the "+
		"plan shows the acknowledgement; for a removal, apply that first. This is a warning rather than an error because "+
		"the API reference does not promise whom that answer names.", prior.Email.ValueString(), change, tokenOwnerAcknowledgement)
	if len(at.Steps()) == 0 {
		diags.AddWarning("This plan may lock Terraform out of the workspace", detail)
		return
	}
	diags.AddAttributeWarning(at, "This plan may lock Terraform out of the workspace", detail)
}

// isTokenOwner matches a member to the token's owner by id, or by address without regard to case.
func isTokenOwner(owner iam.Account, m memberModel) bool {
	return owner.ID != 0 && m.ID.ValueInt64() == owner.ID ||
		owner.Email != "" && strings.EqualFold(m.Email.ValueString(), owner.Email)
}

// expiryBroughtForward reports whether planned sets an access expiry where prior had none, or an
// earlier one. A value known only at apply cannot be judged yet.
func expiryBroughtForward(prior, planned memberModel) bool {
	if planned.AccessExpiresAt.IsNull() || planned.AccessExpiresAt.IsUnknown() {
		return false
	}
	if prior.AccessExpiresAt.IsNull() {
		return true
	}
	was, err1 := time.Parse(time.RFC3339, prior.AccessExpiresAt.ValueString())
	will, err2 := time.Parse(time.RFC3339, planned.AccessExpiresAt.ValueString())
	return err1 == nil && err2 == nil && will.Before(was)
}
