package synerise.access_test

import data.synerise.access

developer_role := change_of("synerise_role", ["no-op"], {"id": 6, "name": "Developer"}, {"id": 6, "name": "Developer"}, {})

test_pii_granted_on_create_names_the_role if {
	access.deny == {"[pii-granted] synerise_role_pii.this: role \"Developer\" (id 6) gains access to personal data (pii_access absent → true)"} with input as plan([
		developer_role,
		create("synerise_role_pii", {"role_id": 6, "pii_access": true}, {}),
	])
}

test_pii_granted_on_update if {
	access.deny == {"[pii-granted] synerise_role_pii.this: role id 42 gains access to personal data (pii_access false → true)"} with input as plan([update("synerise_role_pii", {"role_id": 42, "pii_access": false}, {"role_id": 42, "pii_access": true})])
}

test_pii_withdrawn_or_kept_passes if {
	access.deny == set() with input as plan([
		update("synerise_role_pii", {"role_id": 6, "pii_access": true}, {"role_id": 6, "pii_access": false}),
		change_of("synerise_role_pii", ["no-op"], {"role_id": 7, "pii_access": true}, {"role_id": 7, "pii_access": true}, {}),
	])
}

test_pii_for_a_role_known_only_after_apply_names_it_from_the_configuration if {
	access.deny == {"[pii-granted] synerise_role_pii.this: role \"Auditor\" (synerise_role.auditor.id, an id known only after apply) gains access to personal data (pii_access absent → true)"} with input as {
		"resource_changes": [
			named(create("synerise_role", {"name": "Auditor"}, {"id": true}), "auditor"),
			create("synerise_role_pii", {"pii_access": true}, {"role_id": true}),
		],
		"configuration": {"root_module": {"resources": [{
			"address": "synerise_role_pii.this", "mode": "managed", "type": "synerise_role_pii", "name": "this",
			"expressions": {"role_id": {"references": ["synerise_role.auditor.id", "synerise_role.auditor"]}},
		}]}},
	}
}

test_pii_access_known_only_after_apply_warns if {
	changes := plan([create("synerise_role_pii", {"role_id": 6}, {"pii_access": true})])
	access.deny == set() with input as changes
	access.warn == {"[pii-granted] synerise_role_pii.this: pii_access is known only after apply, so the plan cannot tell whether it changes for the worse"} with input as changes
}
