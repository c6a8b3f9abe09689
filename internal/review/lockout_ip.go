package review

// RuleIPAllowlistLockout flags an IP allowlist that would lock everyone out, and the acknowledgement
// that overrides the provider's lockout guard: the provider refuses such a plan unless
// lockout_acknowledged is set, so a reviewer must see both.
const RuleIPAllowlistLockout = "ip-allowlist-lockout"

// ipAllowlistLockout applies RuleIPAllowlistLockout to an IP allowlist that the change creates or updates.
func ipAllowlistLockout(c change, _ *roleBook) []Finding {
	if !c.after.exists() {
		return nil
	}
	var out []Finding
	add := func(message string) { out = append(out, about(c, RuleIPAllowlistLockout, "%s", message)) }
	if acknowledged, _ := c.after.boolean("lockout_acknowledged"); acknowledged {
		add("lockout_acknowledged = true overrides the provider's lockout guard: this allowlist is " +
			"applied even if it lets nobody in, or leaves out the addresses the provider's apply_from_addresses declares. " +
			"Check that nobody, CI included, is locked out.")
	}
	enabled, enabledKnown := c.after.boolean("enabled")
	if enabledKnown && !enabled {
		return out
	}
	addresses, unknownAddresses := c.after.elements("ip_policy")
	if _, present := c.after.values["ip_policy"]; !present || unknownAddresses > 0 || len(addresses) > 0 {
		return out
	}
	support, supportKnown := c.after.boolean("enable_support_subnets")
	switch {
	case supportKnown && support:
	case c.after.isUnknown("enabled"):
		add("The IP allowlist lets no address in, and whether it is in force is known only after apply: " +
			"in force, with support subnets off, it would lock everyone out, Terraform included.")
	case enabledKnown && c.after.isUnknown("enable_support_subnets"):
		add("The IP allowlist in force lets no address in, and whether Synerise's support subnets are " +
			"let in is known only after apply: if not, it locks everyone out, Terraform included.")
	case enabledKnown && supportKnown:
		add("The IP allowlist in force lets no address in and support subnets are off: nobody, " +
			"Terraform included, could reach the workspace, and no apply could undo it.")
	}
	return out
}
