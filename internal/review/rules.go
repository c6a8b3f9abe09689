package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// The attention rules, shared with the Rego policies of examples/kits/policies: same ids, same meaning.
const (
	RulePIIGranted             = "pii-granted"
	RuleAdminRoleGranted       = "admin-role-granted"
	RulePasswordPolicyWeakened = "password-policy-weakened"
	RuleMFARequirementOff      = "mfa-requirement-off"
	RuleIPAllowlistWidened     = "ip-allowlist-widened"
	RuleBansLoosened           = "bans-loosened"
	RuleSignInEnabled          = "sign-in-enabled"
	RuleSettingsDestroyed      = "settings-destroyed"

	// RuleInvitationOutsideOrganisation is applied in domains.go, with the organisation's domains.
	RuleInvitationOutsideOrganisation = "invitation-outside-organisation"
)

// rule is one attention rule: its id, the resource types it looks at, and what it finds in one change
// of such a type. Each rule's find lives in one place: rules_access.go for members and personal data,
// rules_settings.go and lockout_*.go for the rest; settings types come from internal/settings.
type rule struct {
	id    string
	types []string
	find  func(c change, roles *roleBook) []Finding
}

// memberTypes are the resources that invite members.
var memberTypes = []string{"synerise_invitation", "synerise_invitations"}

// attentionRules are every rule the review applies. A new rule is added here, with a Rego policy of the
// same id and meaning in examples/kits/policies.
var attentionRules = []rule{
	{RulePIIGranted, []string{"synerise_role_pii"}, piiGranted},
	{RuleAdminRoleGranted, memberTypes, adminGrants},
	{RuleInvitationOutsideOrganisation, memberTypes, func(c change, roles *roleBook) []Finding {
		return outsideInvitations(c, roles.organisation)
	}},
	{RuleTokenOwnerLockoutAcknowledged, memberTypes, func(c change, _ *roleBook) []Finding { return tokenOwnerAcknowledgements(c) }},
	{RulePasswordPolicyWeakened, namesOf(settings.PasswordPolicy), passwordPolicyWeakened},
	{RuleMFARequirementOff, namesOf(settings.MFARequirement), mfaRequirementOff},
	{RuleIPAllowlistWidened, namesOf(settings.IPPolicy), ipAllowlistWidened},
	{RuleIPAllowlistLockout, namesOf(settings.IPPolicy), ipAllowlistLockout},
	{RuleBansLoosened, namesOf(settings.BanSettings), bansLoosened},
	{RuleSignInEnabled, namesOf(settings.GoogleSignIn, settings.FacebookSignIn, settings.AppleSignIn, settings.OAuthSettings), signInEnabled},
	{RuleSettingsDestroyed, namesOf(settings.All()...), settingsDestroyed},
}

// findings applies every rule that looks at the change's type.
func findings(c change, roles *roleBook) []Finding {
	var out []Finding
	for _, r := range attentionRules {
		if slices.Contains(r.types, c.rc.Type) {
			out = append(out, r.find(c, roles)...)
		}
	}
	return out
}

// namesOf are the Terraform type names of settings types.
func namesOf(types ...settings.Type) []string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = t.Name
	}
	return names
}

// about is a finding of rule about the change as a whole.
func about(c change, rule, format string, args ...any) Finding {
	return Finding{Rule: rule, Address: c.address(), Message: fmt.Sprintf(format, args...)}
}

// destroyedWith is the on_destroy of a resource the plan destroys without creating it again, or "".
func destroyedWith(c change) string {
	if !c.actions.Delete() {
		return ""
	}
	onDestroy, ok := c.before.text("on_destroy")
	if !ok {
		return "(unset)"
	}
	return onDestroy
}

// turnedOff says whether a boolean attribute was true and becomes false.
func turnedOff(c change, attribute string) (wasTrue, nowFalse bool) {
	was, _ := c.before.boolean(attribute)
	now, known := c.after.boolean(attribute)
	return was, c.after.exists() && known && !now
}

// turnedOn says whether a boolean attribute was false (or absent) and becomes true.
func turnedOn(c change, attribute string) bool {
	was, _ := c.before.boolean(attribute)
	now, known := c.after.boolean(attribute)
	return !was && known && now
}

// theRole puts a role's name in a sentence: "the role Developer", but "a role known after apply".
func theRole(role string) string {
	if strings.HasPrefix(role, "a role") || strings.HasPrefix(role, "role ") {
		return role
	}
	return "the role " + role
}
