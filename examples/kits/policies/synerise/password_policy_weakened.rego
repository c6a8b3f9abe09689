package synerise.access

# Numbers of the password policy whose lowering weakens it: shorter passwords, fewer required
# character classes, fewer previous passwords that cannot be reused.
password_minimums := ["min_length", "digits", "lower_letters", "upper_letters", "special_chars", "different"]

# Limits where 0 means none: a longer expiry, or more failed attempts before the account is blocked.
password_limits := ["expiration", "attempts"]

findings contains {
	"rule": "password-policy-weakened",
	"address": change.address,
	"text": sprintf("%s lowered from %v to %v", [attribute, change.change.before[attribute], change.change.after[attribute]]),
} if {
	some change in managed_changes("synerise_password_policy")
	compared(change)
	some attribute in password_minimums
	lowered(change, attribute)
}

findings contains {
	"rule": "password-policy-weakened",
	"address": change.address,
	"text": sprintf("%s raised from %v to %v", [attribute, change.change.before[attribute], change.change.after[attribute]]),
} if {
	some change in managed_changes("synerise_password_policy")
	compared(change)
	some attribute in password_limits
	change.change.after[attribute] > 0
	loosened_limit(change, attribute)
}

findings contains {
	"rule": "password-policy-weakened",
	"address": change.address,
	"text": sprintf("%s set to 0 (none) from %v", [attribute, change.change.before[attribute]]),
} if {
	some change in managed_changes("synerise_password_policy")
	compared(change)
	some attribute in password_limits
	change.change.after[attribute] == 0
	loosened_limit(change, attribute)
}

undecided contains undecided_attribute("password-policy-weakened", change, attribute) if {
	some change in managed_changes("synerise_password_policy")
	compared(change)
	some attribute in array.concat(password_minimums, password_limits)
	unknown_after_apply(change, attribute)
}
