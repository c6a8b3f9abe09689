package synerise.access_test

import data.synerise.access

strict_policy := {
	"min_length": 14, "digits": 1, "lower_letters": 1, "upper_letters": 1, "special_chars": 1,
	"different": 5, "expiration": 90, "attempts": 5, "on_destroy": "restore",
}

password_update(changed) := plan([update("synerise_password_policy", strict_policy, object.union(strict_policy, changed))])

test_min_length_lowered if {
	access.deny == {"[password-policy-weakened] synerise_password_policy.this: min_length lowered from 14 to 8"} with input as password_update({"min_length": 8})
}

test_fewer_required_classes_and_reused_passwords if {
	access.deny == {
		"[password-policy-weakened] synerise_password_policy.this: digits lowered from 1 to 0",
		"[password-policy-weakened] synerise_password_policy.this: upper_letters lowered from 1 to 0",
		"[password-policy-weakened] synerise_password_policy.this: different lowered from 5 to 2",
	} with input as password_update({"digits": 0, "upper_letters": 0, "different": 2})
}

test_longer_or_no_expiry_and_more_attempts if {
	access.deny == {
		"[password-policy-weakened] synerise_password_policy.this: expiration raised from 90 to 180",
		"[password-policy-weakened] synerise_password_policy.this: attempts set to 0 (none) from 5",
	} with input as password_update({"expiration": 180, "attempts": 0})
}

test_stricter_policy_passes if {
	access.deny == set() with input as password_update({"min_length": 16, "digits": 2, "expiration": 30, "attempts": 3, "different": 10})
}

test_expiry_or_attempts_introduced_from_none_passes if {
	none := object.union(strict_policy, {"expiration": 0, "attempts": 0})
	access.deny == set() with input as plan([update("synerise_password_policy", none, object.union(none, {"expiration": 365, "attempts": 10}))])
}

test_created_policy_is_not_compared if {
	access.deny == set() with input as plan([create("synerise_password_policy", {"min_length": 6}, {"digits": true})])
	access.warn == set() with input as plan([create("synerise_password_policy", {"min_length": 6}, {"digits": true})])
}

test_min_length_known_only_after_apply_warns if {
	after := object.remove(strict_policy, ["min_length"])
	changes := plan([update_unknown("synerise_password_policy", strict_policy, after, {"min_length": true})])
	access.deny == set() with input as changes
	access.warn == {"[password-policy-weakened] synerise_password_policy.this: min_length is known only after apply, so the plan cannot tell whether it changes for the worse"} with input as changes
}
