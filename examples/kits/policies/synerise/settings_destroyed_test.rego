package synerise.access_test

import data.synerise.access

test_settings_destroyed_say_what_on_destroy_does if {
	access.deny == {
		"[settings-destroyed] synerise_password_policy.this: destroyed with on_destroy = restore, which writes back the password policy the workspace had before Terraform managed it",
		"[settings-destroyed] synerise_auth_settings.this: destroyed with on_destroy = reset, which resets the profile authentication settings to the defaults of a new workspace",
		"[settings-destroyed] synerise_general_settings.this: destroyed with on_destroy = retain, which leaves the general profile settings unchanged, no longer managed by Terraform",
	} with input as plan([
		destroy("synerise_password_policy", {"min_length": 14, "on_destroy": "restore"}),
		destroy("synerise_auth_settings", {"enabled": true, "on_destroy": "reset"}),
		destroy("synerise_general_settings", {"on_destroy": "retain"}),
	])
}

test_settings_destroyed_without_on_destroy_in_state_restore if {
	access.deny == {"[settings-destroyed] synerise_device_control_settings.this: destroyed with on_destroy = restore, which writes back the device control settings the workspace had before Terraform managed it"} with input as plan([destroy("synerise_device_control_settings", {"device_control_mode": "SOFT"})])
}

test_settings_replaced_or_other_resources_destroyed_pass if {
	access.deny == set() with input as plan([
		change_of("synerise_email_template_settings", ["delete", "create"], {"on_destroy": "restore"}, {"on_destroy": "restore"}, {}),
		destroy("synerise_role_group", {"name": "Engineering"}),
	])
}
