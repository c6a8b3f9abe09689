package synerise.access_test

import data.synerise.access

open_allowlist := {"enabled": false, "enable_support_subnets": false, "ip_policy": ["198.51.100.24"], "on_destroy": "restore", "lockout_acknowledged": null}

locked_allowlist := object.union(open_allowlist, {"enabled": true, "ip_policy": []})

lockout_message := "[ip-allowlist-lockout] synerise_ip_policy.this: enabled with no address in ip_policy and enable_support_subnets false: nobody, Terraform included, could reach the workspace"

acknowledged_message := "[ip-allowlist-lockout] synerise_ip_policy.this: lockout_acknowledged = true overrides the provider's lockout guard: check that nobody, CI included, is locked out"

test_allowlist_switched_on_empty_is_denied if {
	access.deny == {lockout_message} with input as plan([update("synerise_ip_policy", open_allowlist, locked_allowlist)])
}

test_last_address_removed_from_allowlist_in_force_is_denied if {
	enabled := object.union(open_allowlist, {"enabled": true})
	access.deny == {lockout_message} with input as plan([update("synerise_ip_policy", enabled, locked_allowlist)])
}

test_allowlist_created_on_and_empty_is_denied if {
	access.deny == {lockout_message} with input as plan([create("synerise_ip_policy", locked_allowlist, {})])
}

test_acknowledged_lockout_is_denied_twice if {
	acknowledged := object.union(locked_allowlist, {"lockout_acknowledged": true})
	access.deny == {lockout_message, acknowledged_message} with input as plan([update("synerise_ip_policy", open_allowlist, acknowledged)])
}

test_acknowledgement_is_denied_wherever_it_is_set if {
	acknowledged := object.union(open_allowlist, {"enabled": true, "lockout_acknowledged": true})
	access.deny == {acknowledged_message} with input as plan([update("synerise_ip_policy", open_allowlist, acknowledged)])
}

test_empty_allowlist_with_support_subnets_or_off_passes if {
	with_support := object.union(locked_allowlist, {"enable_support_subnets": true})
	access.deny == {"[ip-allowlist-widened] synerise_ip_policy.this: enable_support_subnets false → true: Synerise support's subnets are let in as well"} with input as plan([update("synerise_ip_policy", open_allowlist, with_support)])
	access.deny == set() with input as plan([update("synerise_ip_policy", open_allowlist, object.union(open_allowlist, {"ip_policy": []}))])
}

test_unchanged_lockout_is_not_flagged_again if {
	acknowledged := object.union(locked_allowlist, {"lockout_acknowledged": true})
	access.deny == set() with input as plan([change_of("synerise_ip_policy", ["no-op"], acknowledged, acknowledged, {})])
}

test_destroyed_acknowledged_lockout_is_not_flagged if {
	acknowledged := object.union(locked_allowlist, {"lockout_acknowledged": true})
	denied := access.deny with input as plan([destroy("synerise_ip_policy", acknowledged)])
	count(denied) > 0
	every message in denied {
		not startswith(message, "[ip-allowlist-lockout]")
	}
}

test_switches_known_only_after_apply_warn if {
	changes := plan([update_unknown("synerise_ip_policy", open_allowlist, object.remove(locked_allowlist, ["enabled"]), {"enabled": true})])
	denied := access.deny with input as changes
	every message in denied {
		not startswith(message, "[ip-allowlist-lockout]")
	}
	"[ip-allowlist-lockout] synerise_ip_policy.this: ip_policy is empty and enabled is known only after apply, so the plan cannot tell whether the allowlist lets nobody in" in access.warn with input as changes
}

test_addresses_known_only_after_apply_pass if {
	changes := plan([create("synerise_ip_policy", object.remove(locked_allowlist, ["ip_policy"]), {"ip_policy": true})])
	access.deny == set() with input as changes
	access.warn == set() with input as changes
}
