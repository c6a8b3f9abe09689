package synerise.access_test

import data.synerise.access

test_mfa_turned_off if {
	access.deny == {"[mfa-requirement-off] synerise_mfa_requirement.this: enabled true → false: members no longer need a second factor to sign in"} with input as plan([update("synerise_mfa_requirement", {"enabled": true, "on_destroy": "reset"}, {"enabled": false, "on_destroy": "reset"})])
}

test_mfa_turned_on_or_created_off_passes if {
	access.deny == set() with input as plan([update("synerise_mfa_requirement", {"enabled": false}, {"enabled": true})])
	access.deny == set() with input as plan([create("synerise_mfa_requirement", {"enabled": false, "on_destroy": "reset"}, {"id": true})])
}

test_mfa_destroyed_with_reset_turns_it_off if {
	access.deny == {
		"[mfa-requirement-off] synerise_mfa_requirement.this: destroyed with on_destroy = reset, which disables the requirement: members no longer need a second factor to sign in",
		"[settings-destroyed] synerise_mfa_requirement.this: destroyed with on_destroy = reset, which disables the requirement, as a new workspace has it",
	} with input as plan([destroy("synerise_mfa_requirement", {"enabled": true, "on_destroy": "reset"})])
}

test_mfa_destroyed_with_retain_only_leaves_terraform if {
	access.deny == {"[settings-destroyed] synerise_mfa_requirement.this: destroyed with on_destroy = retain, which leaves the MFA requirement unchanged, no longer managed by Terraform"} with input as plan([destroy("synerise_mfa_requirement", {"enabled": true, "on_destroy": "retain"})])
}

test_mfa_enabled_known_only_after_apply_warns if {
	changes := plan([update_unknown("synerise_mfa_requirement", {"enabled": true}, {}, {"enabled": true})])
	access.deny == set() with input as changes
	access.warn == {"[mfa-requirement-off] synerise_mfa_requirement.this: enabled is known only after apply, so the plan cannot tell whether it changes for the worse"} with input as changes
}

test_mfa_already_off_and_known_only_after_apply_passes if {
	access.warn == set() with input as plan([update_unknown("synerise_mfa_requirement", {"enabled": false}, {}, {"enabled": true})])
}
