package synerise.access

sign_in_resources := {
	"synerise_google_sign_in": "Sign in with Google",
	"synerise_facebook_sign_in": "Sign in with Facebook",
	"synerise_apple_sign_in": "Sign in with Apple",
	"synerise_oauth_settings": "sign-in through the OAuth provider",
}

findings contains {
	"rule": "sign-in-enabled",
	"address": change.address,
	"text": sprintf("%s: %s is switched on, a new way into the workspace's profiles", [how, method]),
} if {
	some type, method in sign_in_resources
	some change in managed_changes(type)
	turned_on(change, "enabled")
	how := enabled_how(change)
}

enabled_how(change) := "created enabled" if created(change)

enabled_how(change) := "enabled false → true" if compared(change)

undecided contains undecided_attribute("sign-in-enabled", change, "enabled") if {
	some type, _ in sign_in_resources
	some change in managed_changes(type)
	change.change.after != null
	not values_before(change).enabled == true
	unknown_after_apply(change, "enabled")
}
