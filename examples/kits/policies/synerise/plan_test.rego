package synerise.access_test

import data.synerise.access

# Helpers that make small plans for the tests: plan(changes) is the JSON of `terraform show -json` with
# those resource changes; update, create and destroy make one change of a resource named "this".
plan(changes) := {"format_version": "1.2", "resource_changes": changes}

update(type, before, after) := change_of(type, ["update"], before, after, {})

update_unknown(type, before, after, unknown) := change_of(type, ["update"], before, after, unknown)

create(type, after, unknown) := change_of(type, ["create"], null, after, unknown)

destroy(type, before) := change_of(type, ["delete"], before, null, {})

change_of(type, actions, before, after, unknown) := {
	"address": sprintf("%s.this", [type]),
	"mode": "managed",
	"type": type,
	"name": "this",
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": unknown},
}

test_no_changes_no_findings if {
	access.deny == set() with input as plan([])
	access.warn == set() with input as plan([])
}

test_a_plan_without_resource_changes_has_no_findings if {
	access.deny == set() with input as {"format_version": "1.2"}
}

test_a_change_made_outside_terraform_is_judged_and_says_so if {
	drift := update("synerise_role_pii", {"role_id": 7, "pii_access": false}, {"role_id": 7, "pii_access": true})
	reverted := update("synerise_role_pii", {"role_id": 7, "pii_access": true}, {"role_id": 7, "pii_access": false})
	with_drift := {"format_version": "1.2", "resource_changes": [reverted], "resource_drift": [drift]}
	access.deny == {"[pii-granted] synerise_role_pii.this (changed outside Terraform): role id 7 gains access to personal data (pii_access false → true)"} with input as with_drift
	refresh_only := {"format_version": "1.2", "resource_drift": [drift]}
	count(access.deny) == 1 with input as refresh_only
}

test_an_exception_for_an_address_covers_what_changed_outside_terraform_there if {
	drift := update("synerise_mfa_requirement", {"enabled": true}, {"enabled": false})
	exceptions := [{"rule": "mfa-requirement-off", "address": "synerise_mfa_requirement.this", "reason": "SSO enforces MFA"}]
	access.deny == set() with input as {"format_version": "1.2", "resource_drift": [drift]}
		with data.synerise_access.exceptions as exceptions
}

test_exception_for_a_rule_and_address_turns_deny_into_warn if {
	changes := plan([update("synerise_mfa_requirement", {"enabled": true}, {"enabled": false})])
	exceptions := [{"rule": "mfa-requirement-off", "address": "synerise_mfa_requirement.this", "reason": "SSO enforces MFA"}]
	access.deny == set() with input as changes with data.synerise_access.exceptions as exceptions
	access.warn == {"[mfa-requirement-off] synerise_mfa_requirement.this: enabled true → false: members no longer need a second factor to sign in (accepted: SSO enforces MFA)"} with input as changes
		with data.synerise_access.exceptions as exceptions
}

test_exception_without_an_address_covers_the_rule_everywhere if {
	changes := plan([update("synerise_mfa_requirement", {"enabled": true}, {"enabled": false})])
	access.deny == set() with input as changes with data.synerise_access.exceptions as [{"rule": "mfa-requirement-off", "reason": "label"}]
}

test_exception_for_another_address_or_rule_does_not_apply if {
	changes := plan([update("synerise_mfa_requirement", {"enabled": true}, {"enabled": false})])
	count(access.deny) == 1 with input as changes
		with data.synerise_access.exceptions as [
			{"rule": "mfa-requirement-off", "address": "synerise_mfa_requirement.other", "reason": "elsewhere"},
			{"rule": "pii-granted", "reason": "another rule"},
		]
}

# named gives a change another resource name, such as synerise_role.auditor.
named(change, name) := object.union(change, {"address": sprintf("%s.%s", [change.type, name]), "name": name})
