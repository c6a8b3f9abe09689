package synerise.access

findings contains {
	"rule": "ip-allowlist-widened",
	"address": change.address,
	"text": sprintf("%s added to the enabled allowlist: sign-ins from there are let in", [concat(", ", sort(added))]),
} if {
	some change in managed_changes("synerise_ip_policy")
	compared(change)
	change.change.after.enabled == true
	added := {address | some address in change.change.after.ip_policy} - {address | some address in object.get(values_before(change), "ip_policy", [])}
	count(added) > 0
}

findings contains {
	"rule": "ip-allowlist-widened",
	"address": change.address,
	"text": "enabled true → false: sign-ins are let in from any address",
} if {
	some change in managed_changes("synerise_ip_policy")
	turned_off(change, "enabled")
}

findings contains {
	"rule": "ip-allowlist-widened",
	"address": change.address,
	"text": "enable_support_subnets false → true: Synerise support's subnets are let in as well",
} if {
	some change in managed_changes("synerise_ip_policy")
	compared(change)
	turned_on(change, "enable_support_subnets")
}

findings contains {
	"rule": "ip-allowlist-widened",
	"address": change.address,
	"text": sprintf("destroyed with on_destroy = %s, which %s", [on_destroy(change), ip_policy_left[on_destroy(change)]]),
} if {
	some change in managed_changes("synerise_ip_policy")
	destroyed(change)
}

ip_policy_left := {
	"restore": "writes back the allowlist the workspace had before Terraform managed it, however open that was",
	"reset": "disables the allowlist: sign-ins are let in from any address",
	"retain": "leaves the allowlist as it is, no longer managed by Terraform",
}

undecided contains undecided_attribute("ip-allowlist-widened", change, "enabled") if {
	some change in managed_changes("synerise_ip_policy")
	compared(change)
	unknown_after_apply(change, "enabled")
}

undecided contains undecided_attribute("ip-allowlist-widened", change, "enable_support_subnets") if {
	some change in managed_changes("synerise_ip_policy")
	compared(change)
	not change.change.before.enable_support_subnets == true
	unknown_after_apply(change, "enable_support_subnets")
}

# Addresses known only after apply matter only to an allowlist that is, or may be, enabled.
undecided contains undecided_attribute("ip-allowlist-widened", change, "ip_policy") if {
	some change in managed_changes("synerise_ip_policy")
	compared(change)
	change.change.after.enabled != false
	unknown_somewhere_in(change, "ip_policy")
}
