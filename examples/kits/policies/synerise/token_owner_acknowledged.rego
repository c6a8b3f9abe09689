package synerise.access

# allow_token_owner_lockout silences the provider's plan-time warning that removing, deactivating,
# expiring or taking every role from the member whose token Terraform uses would lock Terraform out of
# the workspace. A plan that sets it, on a synerise_invitation or on one member of synerise_invitations,
# overrode that guard; one kept from an earlier plan is not flagged again.
acknowledgements contains {
	"address": change.address,
	"member": member_name(object.get(change.change.after, "email", null)),
	"before": object.get(values_before(change), "allow_token_owner_lockout", null),
	"after": object.get(change.change.after, "allow_token_owner_lockout", null),
	"unknown": unknown_somewhere_in(change, "allow_token_owner_lockout"),
} if {
	some change in managed_changes("synerise_invitation")
	is_object(change.change.after)
}

acknowledgements contains {
	"address": sprintf("%s.members[%q]", [change.address, label]),
	"member": member_name(object.get(member, "email", null)),
	"before": object.get(object.get(object.get(values_before(change), "members", {}), label, {}), "allow_token_owner_lockout", null),
	"after": object.get(member, "allow_token_owner_lockout", null),
	"unknown": member_acknowledgement_unknown(change, label),
} if {
	some change in managed_changes("synerise_invitations")
	some label, member in change.change.after.members
}

findings contains {
	"rule": "token-owner-lockout-acknowledged",
	"address": acknowledgement.address,
	"text": sprintf("allow_token_owner_lockout = true for %s: someone overrode the provider's warning that the plan may lock Terraform out of the workspace", [acknowledgement.member]),
} if {
	some acknowledgement in acknowledgements
	acknowledgement.before != true
	acknowledgement.after == true
}

undecided contains {
	"rule": "token-owner-lockout-acknowledged",
	"address": acknowledgement.address,
	"text": sprintf("whether allow_token_owner_lockout is set for %s is known only after apply; set, it silences the provider's warning that the plan may lock Terraform out of the workspace", [acknowledgement.member]),
} if {
	some acknowledgement in acknowledgements
	acknowledgement.before != true
	acknowledgement.unknown
}

default member_acknowledgement_unknown(_, _) := false

member_acknowledgement_unknown(change, label) if change.change.after_unknown.members[label].allow_token_owner_lockout == true
