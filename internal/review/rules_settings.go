package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// loosening is one numeric attribute and whether going from before to after loosens what it requires.
type loosening struct {
	name    string
	weakens func(before, after int64) bool
}

// lowered: a minimum set lower, 0 turning the requirement off.
func lowered(before, after int64) bool { return after < before }

// lengthened: a limit raised, or set to 0 (no limit) from one in force.
func lengthened(before, after int64) bool { return before > 0 && (after == 0 || after > before) }

// loosened lists the attributes that loosen, "name before → after", and those known only after apply.
func loosened(c change, attributes []loosening) (looser, unknown []string) {
	for _, a := range attributes {
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
	return looser, unknown
}

// loosenings are what a rule found loosened in a change, and what it cannot tell before apply.
type loosenings struct {
	c       change
	rule    string
	looser  []string
	unknown []string
}

// findings say what loosens, and what may, each with its list in place of the format's %s.
func (l loosenings) findings(looserFormat, unknownFormat string) []Finding {
	var out []Finding
	if len(l.looser) > 0 {
		out = append(out, about(l.c, l.rule, looserFormat, strings.Join(l.looser, ", ")))
	}
	if len(l.unknown) > 0 {
		out = append(out, about(l.c, l.rule, unknownFormat, strings.Join(l.unknown, ", ")))
	}
	return out
}

// passwordPolicyWeakened applies RulePasswordPolicyWeakened: each requirement that loosens.
func passwordPolicyWeakened(c change, _ *roleBook) []Finding {
	if !c.before.exists() || !c.after.exists() {
		return nil
	}
	weaker, unknown := loosened(c, []loosening{
		{"min_length", lowered}, {"digits", lowered}, {"lower_letters", lowered}, {"upper_letters", lowered},
		{"special_chars", lowered}, {"different", lowered}, {"expiration", lengthened}, {"attempts", lengthened},
	})
	return loosenings{c: c, rule: RulePasswordPolicyWeakened, looser: weaker, unknown: unknown}.findings(
		"The password policy weakens (%s): passwords become easier to guess or live longer.",
		"Whether the password policy weakens is known only after apply: %s.")
}

// bansLoosened applies RuleBansLoosened: login bans that come later, last shorter, or no longer apply.
func bansLoosened(c change, _ *roleBook) []Finding {
	if !c.before.exists() || !c.after.exists() {
		return nil
	}
	var attributes []loosening
	for _, level := range []string{"first_ban", "second_ban", "permanent_ban"} {
		attributes = append(attributes,
			loosening{level + "_threshold", lengthened}, loosening{level + "_duration", lowered}, loosening{level + "_collecting_time", lowered})
	}
	looser, unknown := loosened(c, attributes)
	if wasTrue, nowFalse := turnedOff(c, "blocking_for_client_enabled"); wasTrue && nowFalse {
		looser = append(looser, "blocking_for_client_enabled true → false")
	}
	return loosenings{c: c, rule: RuleBansLoosened, looser: looser, unknown: unknown}.findings(
		"Login bans loosen (%s): guessing passwords gets easier.",
		"Whether login bans loosen is known only after apply: %s.")
}

// mfaRequirementOff applies RuleMFARequirementOff: the requirement turned off, maybe turned off, or
// destroyed with an on_destroy that turns it off.
func mfaRequirementOff(c change, _ *roleBook) []Finding {
	var out []Finding
	if wasTrue, nowFalse := turnedOff(c, "enabled"); wasTrue && nowFalse {
		out = append(out, about(c, RuleMFARequirementOff, "Members will no longer need a second factor to sign in."))
	} else if wasTrue && c.after.exists() && c.after.isUnknown("enabled") {
		out = append(out, about(c, RuleMFARequirementOff, "Whether members still need a second factor is known only after apply."))
	}
	if destroyedWith(c) == settings.Reset {
		effect, _ := settings.MFARequirement.Effect(settings.Reset)
		out = append(out, about(c, RuleMFARequirementOff, "Destroying the %s with on_destroy = %q %s: members will no longer need a second factor to sign in.",
			settings.MFARequirement.Title, settings.Reset, effect))
	}
	return out
}

// signInEnabled applies RuleSignInEnabled: a way for customers to sign in switched on.
func signInEnabled(c change, _ *roleBook) []Finding {
	on, known := c.after.boolean("enabled")
	was, _ := c.before.boolean("enabled")
	title := capitalised(titleOf(c.rc.Type))
	switch {
	case !c.after.exists() || was:
	case c.after.isUnknown("enabled"):
		return []Finding{about(c, RuleSignInEnabled, "Whether %s is switched on is known only after apply; switched on, it lets customers sign in another way.", titleOf(c.rc.Type))}
	case known && on:
		return []Finding{about(c, RuleSignInEnabled, "%s is switched on: customers can sign in this way too, so check its configuration.", title)}
	}
	return nil
}

// settingsDestroyed applies RuleSettingsDestroyed: a settings resource destroyed, with what its
// on_destroy does, as the catalogue words it.
func settingsDestroyed(c change, _ *roleBook) []Finding {
	onDestroy := destroyedWith(c)
	if onDestroy == "" {
		return nil
	}
	return []Finding{about(c, RuleSettingsDestroyed, "The resource is destroyed, and on_destroy = %q %s.", onDestroy, onDestroyEffect(c.rc.Type, onDestroy))}
}

// ipAllowlistWidened applies RuleIPAllowlistWidened: an IP allowlist that lets more addresses in, or
// none checked.
func ipAllowlistWidened(c change, _ *roleBook) []Finding {
	if onDestroy := destroyedWith(c); onDestroy != "" {
		return []Finding{ipAllowlistDestroyed(c, onDestroy)}
	}
	if !c.after.exists() {
		return nil
	}
	var out []Finding
	if wasTrue, nowFalse := turnedOff(c, "enabled"); wasTrue && nowFalse {
		out = append(out, about(c, RuleIPAllowlistWidened, "The IP allowlist is turned off: the workspace can be used from any address."))
	}
	if turnedOn(c, "enable_support_subnets") {
		out = append(out, about(c, RuleIPAllowlistWidened, "The addresses Synerise uses for service work are allowed too."))
	}
	if !c.before.exists() {
		return out
	}
	if c.after.isUnknown("ip_policy") || c.after.isUnknown("enabled") {
		return append(out, about(c, RuleIPAllowlistWidened, "Whether the IP allowlist lets more addresses in is known only after apply."))
	}
	if enabled, known := c.after.boolean("enabled"); known && enabled {
		if added := addedAddresses(c); len(added) > 0 {
			out = append(out, about(c, RuleIPAllowlistWidened, "The IP allowlist in force lets %s in too.", strings.Join(added, ", ")))
		}
	}
	return out
}

// ipAllowlistDestroyed says what destroying the allowlist does, as the catalogue words on_destroy, and
// how that may widen it.
func ipAllowlistDestroyed(c change, onDestroy string) Finding {
	widens := map[string]string{
		settings.Restore: ", which may be wider or off",
		settings.Reset:   ": the allowlist is off and empty, so the workspace can be used from any address",
		settings.Retain:  ": the allowlist may then change outside review",
	}[onDestroy]
	effect, ok := settings.IPPolicy.Effect(onDestroy)
	if !ok {
		effect = "leaves the allowlist as its on_destroy decides"
	}
	return about(c, RuleIPAllowlistWidened, "Destroying the %s with on_destroy = %q %s%s.", settings.IPPolicy.Title, onDestroy, effect, widens)
}

// addedAddresses are the addresses the allowlist lets in after the change and not before, sorted.
func addedAddresses(c change) []string {
	beforeAddresses, _ := c.before.elements("ip_policy")
	afterAddresses, _ := c.after.elements("ip_policy")
	var added []string
	for _, a := range afterAddresses {
		if !slices.Contains(beforeAddresses, a) {
			added = append(added, fmt.Sprint(a))
		}
	}
	slices.Sort(added)
	return added
}
