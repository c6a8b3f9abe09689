package synerise.access_test

import data.synerise.access

owner := {"id": 1, "email": "admin@example.com", "active": true, "role_ids": [1]}

test_acknowledgement_set_is_denied if {
	changes := plan([update("synerise_invitation", owner, object.union(owner, {"active": false, "allow_token_owner_lockout": true}))])
	access.deny == {"[token-owner-lockout-acknowledged] synerise_invitation.this: allow_token_owner_lockout = true for admin@example.com: someone overrode the provider's warning that the plan may lock Terraform out of the workspace"} with input as changes
}

test_acknowledgement_kept_or_absent_passes if {
	acknowledged := object.union(owner, {"allow_token_owner_lockout": true})
	access.deny == set() with input as plan([update("synerise_invitation", acknowledged, object.union(acknowledged, {"active": false}))])
	access.deny == set() with input as plan([update("synerise_invitation", owner, object.union(owner, {"allow_token_owner_lockout": false}))])
	access.warn == set() with input as plan([update("synerise_invitation", owner, owner)])
}

test_acknowledgement_known_only_after_apply_warns if {
	changes := plan([update_unknown("synerise_invitation", owner, object.union(owner, {"allow_token_owner_lockout": null}), {"allow_token_owner_lockout": true})])
	access.deny == set() with input as changes
	access.warn == {"[token-owner-lockout-acknowledged] synerise_invitation.this: whether allow_token_owner_lockout is set for admin@example.com is known only after apply; set, it silences the provider's warning that the plan may lock Terraform out of the workspace"} with input as changes
}

test_acknowledgement_on_one_member_of_many if {
	before := {"members": {"me": owner, "grace": {"email": "grace@example.com"}}}
	after := {"members": {"me": object.union(owner, {"allow_token_owner_lockout": true}), "grace": {"email": "grace@example.com"}}}
	access.deny == {"[token-owner-lockout-acknowledged] synerise_invitations.this.members[\"me\"]: allow_token_owner_lockout = true for admin@example.com: someone overrode the provider's warning that the plan may lock Terraform out of the workspace"} with input as plan([update("synerise_invitations", before, after)])
}

test_member_acknowledgement_known_only_after_apply_warns if {
	before := {"members": {"me": owner}}
	after := {"members": {"me": owner}}
	changes := plan([update_unknown("synerise_invitations", before, after, {"members": {"me": {"allow_token_owner_lockout": true, "status": true}}})])
	count(access.warn) == 1 with input as changes
}
