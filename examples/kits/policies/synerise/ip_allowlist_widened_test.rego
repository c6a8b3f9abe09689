package synerise.access_test

import data.synerise.access

allowlist := {"enabled": true, "enable_support_subnets": false, "ip_policy": ["198.51.100.24"], "on_destroy": "restore"}

ip_update(changed) := plan([update("synerise_ip_policy", allowlist, object.union(allowlist, changed))])

test_address_added_to_enabled_allowlist if {
	access.deny == {"[ip-allowlist-widened] synerise_ip_policy.this: 192.0.2.10, 203.0.113.7 added to the enabled allowlist: sign-ins from there are let in"} with input as ip_update({"ip_policy": ["203.0.113.7", "198.51.100.24", "192.0.2.10"]})
}

test_address_added_while_being_enabled if {
	disabled := object.union(allowlist, {"enabled": false})
	access.deny == {"[ip-allowlist-widened] synerise_ip_policy.this: 192.0.2.10 added to the enabled allowlist: sign-ins from there are let in"} with input as plan([update("synerise_ip_policy", disabled, object.union(allowlist, {"ip_policy": ["198.51.100.24", "192.0.2.10"]}))])
}

test_address_added_to_disabled_allowlist_passes if {
	disabled := object.union(allowlist, {"enabled": false})
	access.deny == set() with input as plan([update("synerise_ip_policy", disabled, object.union(disabled, {"ip_policy": ["198.51.100.24", "192.0.2.10"]}))])
}

test_address_removed_passes if {
	two := object.union(allowlist, {"ip_policy": ["198.51.100.24", "203.0.113.7"]})
	access.deny == set() with input as plan([update("synerise_ip_policy", two, allowlist)])
}

test_allowlist_disabled_and_support_subnets_enabled if {
	access.deny == {
		"[ip-allowlist-widened] synerise_ip_policy.this: enabled true → false: sign-ins are let in from any address",
		"[ip-allowlist-widened] synerise_ip_policy.this: enable_support_subnets false → true: Synerise support's subnets are let in as well",
	} with input as ip_update({"enabled": false, "enable_support_subnets": true})
}

test_allowlist_destroyed_says_what_on_destroy_leaves if {
	access.deny == {
		"[ip-allowlist-widened] synerise_ip_policy.this: destroyed with on_destroy = reset, which disables the allowlist: sign-ins are let in from any address",
		"[settings-destroyed] synerise_ip_policy.this: destroyed with on_destroy = reset, which resets the IP allowlist to the defaults of a new workspace",
	} with input as plan([destroy("synerise_ip_policy", object.union(allowlist, {"on_destroy": "reset"}))])
}

test_created_allowlist_is_not_compared if {
	access.deny == set() with input as plan([create("synerise_ip_policy", {"enabled": true, "ip_policy": ["192.0.2.10"]}, {"enable_support_subnets": true})])
}

test_addresses_known_only_after_apply_warn_while_enabled if {
	changes := plan([update_unknown("synerise_ip_policy", allowlist, object.union(allowlist, {"ip_policy": ["198.51.100.24", null]}), {"ip_policy": [false, true]})])
	access.deny == set() with input as changes
	access.warn == {"[ip-allowlist-widened] synerise_ip_policy.this: ip_policy is known only after apply, so the plan cannot tell whether it changes for the worse"} with input as changes
}

test_addresses_known_only_after_apply_pass_while_disabled if {
	disabled := object.union(allowlist, {"enabled": false})
	access.warn == set() with input as plan([update_unknown("synerise_ip_policy", disabled, object.remove(disabled, ["ip_policy"]), {"ip_policy": true})])
}

test_switches_known_only_after_apply_warn if {
	changes := plan([update_unknown("synerise_ip_policy", allowlist, object.remove(allowlist, ["enabled", "enable_support_subnets"]), {"enabled": true, "enable_support_subnets": true})])
	access.deny == set() with input as changes
	access.warn == {
		"[ip-allowlist-widened] synerise_ip_policy.this: enabled is known only after apply, so the plan cannot tell whether it changes for the worse",
		"[ip-allowlist-widened] synerise_ip_policy.this: enable_support_subnets is known only after apply, so the plan cannot tell whether it changes for the worse",
	} with input as changes
}
