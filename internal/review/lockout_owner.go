package review

import "fmt"

// RuleTokenOwnerLockoutAcknowledged flags a member whose allow_token_owner_lockout becomes true: the
// provider warns when a plan may lock Terraform out of the workspace by taking the access of the user
// whose token it uses, and this acknowledgement silences that warning, so a reviewer should see it.
const RuleTokenOwnerLockoutAcknowledged = "token-owner-lockout-acknowledged"

const tokenOwnerAcknowledgement = "allow_token_owner_lockout"

// tokenOwnerAcknowledgements applies the rule to a synerise_invitation, or to each member of a
// synerise_invitations (by label: a member moved to a new label that keeps the acknowledgement is
// flagged again, since the plan shows it set there).
func tokenOwnerAcknowledgements(c change) []Finding {
	if !c.after.exists() {
		return nil
	}
	if c.rc.Type == "synerise_invitation" {
		return acknowledgement(c.address(), c.before, c.after)
	}
	var out []Finding
	for _, label := range c.after.memberLabels() {
		address := fmt.Sprintf("%s.members[%q]", c.address(), label)
		out = append(out, acknowledgement(address, c.before.member(label), c.after.member(label))...)
	}
	return out
}

// acknowledgement is the rule's finding for one member, when the plan sets the acknowledgement or
// cannot tell whether it does.
func acknowledgement(address string, before, after object) []Finding {
	was, _ := before.boolean(tokenOwnerAcknowledgement)
	if was {
		return nil
	}
	who, ok := after.text("email")
	if !ok {
		who = "a member whose email is known only after apply"
	}
	if after.isUnknown(tokenOwnerAcknowledgement) {
		return []Finding{{Rule: RuleTokenOwnerLockoutAcknowledged, Address: address, Message: fmt.Sprintf(
			"Whether %s is set for %s is known only after apply; set, it silences the provider's warning that the plan may lock Terraform out of the workspace.",
			tokenOwnerAcknowledgement, who)}}
	}
	if now, _ := after.boolean(tokenOwnerAcknowledgement); !now {
		return nil
	}
	return []Finding{{Rule: RuleTokenOwnerLockoutAcknowledged, Address: address, Message: fmt.Sprintf(
		"%s = true for %s: someone overrode the provider's warning that the plan may lock Terraform out of the workspace.",
		tokenOwnerAcknowledgement, who)}}
}
