package synerise.access

# An allowlist in force with no address and the support subnets off lets nobody in, Terraform included,
# and no apply can undo it. The provider refuses such a plan unless lockout_acknowledged is set, and
# refuses one that leaves out its apply_from_addresses the same way, so the acknowledgement is flagged
# wherever it is set: someone overrode the guard.
findings contains {
	"rule": "ip-allowlist-lockout",
	"address": change.address,
	"text": "enabled with no address in ip_policy and enable_support_subnets false: nobody, Terraform included, could reach the workspace",
} if {
	some change in written_allowlists
	change.change.after.enabled == true
	change.change.after.enable_support_subnets == false
	empty_allowlist(change)
}

findings contains {
	"rule": "ip-allowlist-lockout",
	"address": change.address,
	"text": "lockout_acknowledged = true overrides the provider's lockout guard: check that nobody, CI included, is locked out",
} if {
	some change in written_allowlists
	change.change.after.lockout_acknowledged == true
}

undecided contains {
	"rule": "ip-allowlist-lockout",
	"address": change.address,
	"text": sprintf("ip_policy is empty and %s is known only after apply, so the plan cannot tell whether the allowlist lets nobody in", [attribute]),
} if {
	some change in written_allowlists
	empty_allowlist(change)
	some attribute in ["enabled", "enable_support_subnets"]
	unknown_after_apply(change, attribute)
	not change.change.after.enabled == false
	not change.change.after.enable_support_subnets == true
}

# written_allowlists are the synerise_ip_policy changes that create or update one: a no-op changes no access.
written_allowlists := {change |
	some change in managed_changes("synerise_ip_policy")
	is_object(change.change.after)
	change.change.actions != ["no-op"]
}

empty_allowlist(change) if {
	change.change.after.ip_policy == []
	not unknown_somewhere_in(change, "ip_policy")
}
