package synerise.access_test

import data.synerise.access

strict_bans := {
	"blocking_for_client_enabled": true,
	"first_ban_threshold": 5, "first_ban_duration": 900, "first_ban_collecting_time": 300,
	"second_ban_threshold": 10, "second_ban_duration": 3600, "second_ban_collecting_time": 600,
	"permanent_ban_threshold": 0, "permanent_ban_duration": 0, "permanent_ban_collecting_time": 0,
}

bans_update(changed) := plan([update("synerise_ban_settings", strict_bans, object.union(strict_bans, changed))])

test_threshold_raised if {
	access.deny == {"[bans-loosened] synerise_ban_settings.this: first_ban_threshold raised from 5 to 10: more failed logins pass before a ban"} with input as bans_update({"first_ban_threshold": 10})
}

test_threshold_set_to_zero if {
	access.deny == {"[bans-loosened] synerise_ban_settings.this: second_ban_threshold set to 0 (no ban) from 10: more failed logins pass before a ban"} with input as bans_update({"second_ban_threshold": 0})
}

test_durations_and_collecting_times_lowered_and_blocking_off if {
	access.deny == {
		"[bans-loosened] synerise_ban_settings.this: first_ban_duration lowered from 900 to 60: a ban ends sooner",
		"[bans-loosened] synerise_ban_settings.this: second_ban_collecting_time lowered from 600 to 60: failed logins are counted over a shorter time",
		"[bans-loosened] synerise_ban_settings.this: blocking_for_client_enabled true → false: clients are no longer blocked after failed logins",
	} with input as bans_update({"first_ban_duration": 60, "second_ban_collecting_time": 60, "blocking_for_client_enabled": false})
}

test_stricter_bans_pass if {
	access.deny == set() with input as bans_update({"first_ban_threshold": 3, "first_ban_duration": 1800, "permanent_ban_threshold": 20})
}

test_threshold_known_only_after_apply_warns if {
	changes := plan([update_unknown("synerise_ban_settings", strict_bans, object.remove(strict_bans, ["first_ban_threshold"]), {"first_ban_threshold": true})])
	access.deny == set() with input as changes
	access.warn == {"[bans-loosened] synerise_ban_settings.this: first_ban_threshold is known only after apply, so the plan cannot tell whether it changes for the worse"} with input as changes
}
