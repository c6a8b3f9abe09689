package synerise.access_test

import data.synerise.access

test_sign_in_created_enabled if {
	access.deny == {
		"[sign-in-enabled] synerise_google_sign_in.this: created enabled: Sign in with Google is switched on, a new way into the workspace's profiles",
		"[sign-in-enabled] synerise_oauth_settings.this: created enabled: sign-in through the OAuth provider is switched on, a new way into the workspace's profiles",
	} with input as plan([
		create("synerise_google_sign_in", {"enabled": true}, {"id": true}),
		create("synerise_facebook_sign_in", {"enabled": false}, {"id": true}),
		create("synerise_oauth_settings", {"enabled": true, "mode": "JWT_TOKEN"}, {"id": true}),
	])
}

test_sign_in_switched_on if {
	access.deny == {"[sign-in-enabled] synerise_apple_sign_in.this: enabled false → true: Sign in with Apple is switched on, a new way into the workspace's profiles"} with input as plan([update("synerise_apple_sign_in", {"enabled": false}, {"enabled": true})])
}

test_sign_in_kept_on_or_switched_off_passes if {
	access.deny == set() with input as plan([
		update("synerise_google_sign_in", {"enabled": true, "on_destroy": "restore"}, {"enabled": true, "on_destroy": "reset"}),
		update("synerise_facebook_sign_in", {"enabled": true}, {"enabled": false}),
	])
}

test_sign_in_enabled_known_only_after_apply_warns if {
	changes := plan([create("synerise_google_sign_in", {}, {"enabled": true, "id": true})])
	access.deny == set() with input as changes
	access.warn == {"[sign-in-enabled] synerise_google_sign_in.this: enabled is known only after apply, so the plan cannot tell whether it changes for the worse"} with input as changes
}

test_sign_in_already_on_and_known_only_after_apply_passes if {
	access.warn == set() with input as plan([update_unknown("synerise_google_sign_in", {"enabled": true}, {}, {"enabled": true})])
}
