package synerise.access

findings contains {
	"rule": "mfa-requirement-off",
	"address": change.address,
	"text": "enabled true → false: members no longer need a second factor to sign in",
} if {
	some change in managed_changes("synerise_mfa_requirement")
	turned_off(change, "enabled")
}

findings contains {
	"rule": "mfa-requirement-off",
	"address": change.address,
	"text": "destroyed with on_destroy = reset, which disables the requirement: members no longer need a second factor to sign in",
} if {
	some change in managed_changes("synerise_mfa_requirement")
	destroyed(change)
	on_destroy(change) == "reset"
}

undecided contains undecided_attribute("mfa-requirement-off", change, "enabled") if {
	some change in managed_changes("synerise_mfa_requirement")
	change.change.before.enabled == true
	unknown_after_apply(change, "enabled")
}
