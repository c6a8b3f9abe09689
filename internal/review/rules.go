package review

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
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

// adminLike matches role names that suggest administering the workspace.
var adminLike = regexp.MustCompile(`(?i)admin|owner|superuser|root`)

// findings applies the rules to one change.
func findings(c change, roles *roleBook) []Finding {
	var out []Finding
	add := func(rule, format string, args ...any) {
		out = append(out, Finding{Rule: rule, Address: c.address(), Message: fmt.Sprintf(format, args...)})
	}
	switch c.rc.Type {
	case "synerise_role_pii":
		for _, p := range piiChanges(c, roles) {
			if p.Granted {
				add(RulePIIGranted, "Users with %s will see customers' personal data unmasked.", theRole(p.Role))
			}
		}
	case "synerise_invitation", "synerise_invitations":
		out = append(out, adminGrants(c, roles)...)
		out = append(out, outsideInvitations(c, roles.organisation)...)
		out = append(out, tokenOwnerAcknowledgements(c)...)
	case "synerise_password_policy":
		passwordPolicyRules(c, add)
	case "synerise_mfa_requirement":
		if wasTrue, nowFalse := turnedOff(c, "enabled"); wasTrue && nowFalse {
			add(RuleMFARequirementOff, "Members will no longer need a second factor to sign in.")
		} else if wasTrue && c.after.exists() && c.after.isUnknown("enabled") {
			add(RuleMFARequirementOff, "Whether members still need a second factor is known only after apply.")
		}
		if onDestroy := destroyedWith(c); onDestroy == "reset" {
			add(RuleMFARequirementOff, "Destroying the MFA requirement with on_destroy = \"reset\" disables it: members will no longer need a second factor to sign in.")
		}
	case "synerise_ip_policy":
		ipPolicyRules(c, add)
		ipAllowlistLockoutRules(c, add)
	case "synerise_ban_settings":
		banRules(c, add)
	case "synerise_google_sign_in", "synerise_facebook_sign_in", "synerise_apple_sign_in", "synerise_oauth_settings":
		on, known := c.after.boolean("enabled")
		was, _ := c.before.boolean("enabled")
		switch {
		case !c.after.exists() || was:
		case c.after.isUnknown("enabled"):
			add(RuleSignInEnabled, "Whether %s is switched on is known only after apply; switched on, it lets customers sign in another way.", settingsTypes[c.rc.Type])
		case known && on:
			add(RuleSignInEnabled, "%s is switched on: customers can sign in this way too, so check its configuration.", settingsTypes[c.rc.Type])
		}
	}
	if onDestroy := destroyedWith(c); onDestroy != "" && settingsTypes[c.rc.Type] != "" {
		effect, ok := onDestroyEffects[onDestroy]
		if !ok {
			effect = "does what the resource's documentation says"
		}
		if onDestroy == "reset" && c.rc.Type == "synerise_mfa_requirement" {
			effect = "disables the requirement"
		}
		add(RuleSettingsDestroyed, "The resource is destroyed, and on_destroy = %q %s.", onDestroy, effect)
	}
	return out
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

// adminGrants finds the members who gain a role whose name looks admin-like.
func adminGrants(c change, roles *roleBook) []Finding {
	var members []MemberChange
	if c.rc.Type == "synerise_invitation" {
		members = invitationChanges(c, roles)
	} else {
		members = invitationsChanges(c, roles)
	}
	var out []Finding
	for _, m := range members {
		gained := gainedRoles(m)
		if gained == nil {
			continue
		}
		var sure, maybe []string
		for _, name := range gained.named {
			if adminLike.MatchString(name) {
				sure = append(sure, fmt.Sprintf("%q", name))
			}
		}
		for _, name := range gained.mayBeAny {
			if adminLike.MatchString(name) {
				maybe = append(maybe, fmt.Sprintf("%q", name))
			}
		}
		switch {
		case len(sure) > 0:
			out = append(out, Finding{Rule: RuleAdminRoleGranted, Address: m.Address, Message: fmt.Sprintf(
				"%s gains %s, whose name looks admin-like: check that they need to administer the workspace.", m.Email, rolesPhrase(sure))})
		case len(maybe) > 0:
			out = append(out, Finding{Rule: RuleAdminRoleGranted, Address: m.Address, Message: fmt.Sprintf(
				"%s gains a role known only after apply, which may be %s, whose name looks admin-like.", m.Email, strings.Join(maybe, " or "))})
		}
	}
	return out
}

// gainedRoles are the roles a member change gives, nil when it gives none.
func gainedRoles(m MemberChange) *roleSet {
	if m.gained.empty() {
		return nil
	}
	return &m.gained
}

func rolesPhrase(names []string) string {
	slices.Sort(names)
	if len(names) == 1 {
		return "the role " + names[0]
	}
	return "the roles " + strings.Join(names, ", ")
}

// passwordPolicyRules finds a weaker password policy: each requirement that loosens.
func passwordPolicyRules(c change, add func(rule, format string, args ...any)) {
	if !c.before.exists() || !c.after.exists() {
		return
	}
	var weaker, unknown []string
	for _, a := range []struct {
		name string
		// weakens says whether going from before to after loosens the requirement.
		weakens func(before, after int64) bool
	}{
		{"min_length", lowered},
		{"digits", lowered},
		{"lower_letters", lowered},
		{"upper_letters", lowered},
		{"special_chars", lowered},
		{"different", lowered},
		{"expiration", lengthened},
		{"attempts", lengthened},
	} {
		before, beforeKnown := c.before.number(a.name)
		if !beforeKnown {
			continue
		}
		after, afterKnown := c.after.number(a.name)
		switch {
		case c.after.isUnknown(a.name):
			unknown = append(unknown, a.name)
		case afterKnown && a.weakens(before, after):
			weaker = append(weaker, fmt.Sprintf("%s %d → %d", a.name, before, after))
		}
	}
	if len(weaker) > 0 {
		add(RulePasswordPolicyWeakened, "The password policy weakens (%s): passwords become easier to guess or live longer.", strings.Join(weaker, ", "))
	}
	if len(unknown) > 0 {
		add(RulePasswordPolicyWeakened, "Whether the password policy weakens is known only after apply: %s.", strings.Join(unknown, ", "))
	}
}

// lowered: a minimum set lower, 0 turning the requirement off.
func lowered(before, after int64) bool { return after < before }

// lengthened: a limit raised, or set to 0 (no limit) from one in force.
func lengthened(before, after int64) bool { return before > 0 && (after == 0 || after > before) }

// ipPolicyRules finds an IP allowlist that lets more addresses in, or none checked.
func ipPolicyRules(c change, add func(rule, format string, args ...any)) {
	if onDestroy := destroyedWith(c); onDestroy != "" {
		effect := map[string]string{
			"restore": "brings back the allowlist the workspace had before Terraform managed it, which may be wider or off",
			"reset":   "turns the allowlist off and empties it: the workspace can be used from any address",
			"retain":  "leaves the allowlist as it is, but no longer under Terraform's control",
		}[onDestroy]
		if effect == "" {
			effect = "leaves the allowlist as its on_destroy decides"
		}
		add(RuleIPAllowlistWidened, "Destroying the IP allowlist with on_destroy = %q %s.", onDestroy, effect)
		return
	}
	if !c.after.exists() {
		return
	}
	enabled, enabledKnown := c.after.boolean("enabled")
	if wasTrue, nowFalse := turnedOff(c, "enabled"); wasTrue && nowFalse {
		add(RuleIPAllowlistWidened, "The IP allowlist is turned off: the workspace can be used from any address.")
	}
	if turnedOn(c, "enable_support_subnets") {
		add(RuleIPAllowlistWidened, "The addresses Synerise uses for service work are allowed too.")
	}
	if !c.before.exists() {
		return
	}
	if c.after.isUnknown("ip_policy") || c.after.isUnknown("enabled") {
		add(RuleIPAllowlistWidened, "Whether the IP allowlist lets more addresses in is known only after apply.")
		return
	}
	beforeAddresses, _ := c.before.elements("ip_policy")
	afterAddresses, _ := c.after.elements("ip_policy")
	var added []string
	for _, a := range afterAddresses {
		if !slices.Contains(beforeAddresses, a) {
			added = append(added, fmt.Sprint(a))
		}
	}
	slices.Sort(added)
	if enabledKnown && enabled && len(added) > 0 {
		add(RuleIPAllowlistWidened, "The IP allowlist in force lets %s in too.", strings.Join(added, ", "))
	}
}

// banRules finds login bans that come later, last shorter, or no longer apply.
func banRules(c change, add func(rule, format string, args ...any)) {
	if !c.before.exists() || !c.after.exists() {
		return
	}
	var looser, unknown []string
	for _, level := range []string{"first_ban", "second_ban", "permanent_ban"} {
		for _, a := range []struct {
			name    string
			weakens func(before, after int64) bool
		}{
			{level + "_threshold", lengthened},
			{level + "_duration", lowered},
			{level + "_collecting_time", lowered},
		} {
			before, beforeKnown := c.before.number(a.name)
			after, afterKnown := c.after.number(a.name)
			switch {
			case !beforeKnown:
			case c.after.isUnknown(a.name):
				unknown = append(unknown, a.name)
			case afterKnown && a.weakens(before, after):
				looser = append(looser, fmt.Sprintf("%s %d → %d", a.name, before, after))
			}
		}
	}
	if wasTrue, nowFalse := turnedOff(c, "blocking_for_client_enabled"); wasTrue && nowFalse {
		looser = append(looser, "blocking_for_client_enabled true → false")
	}
	if len(looser) > 0 {
		add(RuleBansLoosened, "Login bans loosen (%s): guessing passwords gets easier.", strings.Join(looser, ", "))
	}
	if len(unknown) > 0 {
		add(RuleBansLoosened, "Whether login bans loosen is known only after apply: %s.", strings.Join(unknown, ", "))
	}
}

// theRole puts a role's name in a sentence: "the role Developer", but "a role known after apply".
func theRole(role string) string {
	if strings.HasPrefix(role, "a role") || strings.HasPrefix(role, "role ") {
		return role
	}
	return "the role " + role
}
