package synerise.access

ban_stages := ["first_ban", "second_ban", "permanent_ban"]

findings contains {
	"rule": "bans-loosened",
	"address": change.address,
	"text": sprintf("%s %s: more failed logins pass before a ban", [attribute, threshold_change(change.change.before[attribute], change.change.after[attribute])]),
} if {
	some change in managed_changes("synerise_ban_settings")
	compared(change)
	some stage in ban_stages
	attribute := sprintf("%s_threshold", [stage])
	loosened_limit(change, attribute)
}

threshold_change(before, 0) := sprintf("set to 0 (no ban) from %v", [before])

threshold_change(before, after) := sprintf("raised from %v to %v", [before, after]) if after != 0

findings contains {
	"rule": "bans-loosened",
	"address": change.address,
	"text": sprintf("%s lowered from %v to %v: %s", [attribute, change.change.before[attribute], change.change.after[attribute], why]),
} if {
	some change in managed_changes("synerise_ban_settings")
	compared(change)
	some stage in ban_stages
	some suffix, why in {
		"duration": "a ban ends sooner",
		"collecting_time": "failed logins are counted over a shorter time",
	}
	attribute := sprintf("%s_%s", [stage, suffix])
	lowered(change, attribute)
}

findings contains {
	"rule": "bans-loosened",
	"address": change.address,
	"text": "blocking_for_client_enabled true → false: clients are no longer blocked after failed logins",
} if {
	some change in managed_changes("synerise_ban_settings")
	turned_off(change, "blocking_for_client_enabled")
}

undecided contains undecided_attribute("bans-loosened", change, attribute) if {
	some change in managed_changes("synerise_ban_settings")
	compared(change)
	some stage in ban_stages
	some suffix in ["threshold", "duration", "collecting_time"]
	attribute := sprintf("%s_%s", [stage, suffix])
	unknown_after_apply(change, attribute)
}

undecided contains undecided_attribute("bans-loosened", change, "blocking_for_client_enabled") if {
	some change in managed_changes("synerise_ban_settings")
	compared(change)
	change.change.before.blocking_for_client_enabled == true
	unknown_after_apply(change, "blocking_for_client_enabled")
}
