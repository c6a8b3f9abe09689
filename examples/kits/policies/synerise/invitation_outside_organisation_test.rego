package synerise.access_test

import data.synerise.access

# managed_domain is a synerise_managed_domain in planned values or state; values without a domain are
# those of one whose domain is known only after apply.
managed_domain(name, values) := {
	"address": sprintf("synerise_managed_domain.%s", [name]), "mode": "managed",
	"type": "synerise_managed_domain", "name": name, "values": values,
}

example_com := [managed_domain("company", {"domain": "example.com"})]

# with_domains is a plan with these changes whose planned values hold the planned domains in a module
# and whose prior state holds the prior ones.
with_domains(changes, planned, prior) := {
	"format_version": "1.2",
	"resource_changes": changes,
	"planned_values": {"root_module": {"child_modules": [{"address": "module.dns", "resources": planned}]}},
	"prior_state": {"values": {"root_module": {"resources": prior}}},
}

# outside_warn are the warnings of this rule alone.
outside_warn := {message | some message in access.warn; startswith(message, "[invitation-outside-organisation]")}

invited(email) := {"email": email, "role_ids": []}

team(members) := {"members": {label: invited(email) | some label, email in members}}

test_invitation_outside if {
	access.deny == {"[invitation-outside-organisation] synerise_invitation.this: contractor@partner.example is invited, and partner.example is not one of the organisation's domains (example.com)"} with input as with_domains(
		[create("synerise_invitation", invited("contractor@partner.example"), {"id": true})],
		example_com, [],
	)
}

test_invitation_replaced if {
	changes := [change_of("synerise_invitation", ["delete", "create"], invited("x@partner.example"), invited("x@partner.example"), {})]
	access.deny == {"[invitation-outside-organisation] synerise_invitation.this: x@partner.example is invited, and partner.example is not one of the organisation's domains (example.com)"} with input as with_domains(changes, example_com, [])
}

test_address_changed_to_one_outside if {
	changes := [update("synerise_invitation", invited("lead@example.com"), invited("lead@partner.example"))]
	access.deny == {"[invitation-outside-organisation] synerise_invitation.this: email lead@example.com → lead@partner.example, and partner.example is not one of the organisation's domains (example.com)"} with input as with_domains(changes, [], example_com)
}

test_members_added_or_changed_outside if {
	before := team({"ada": "ada@example.com", "bob": "bob@example.com", "moved": "m@partner.example"})
	after := team({"ada": "ada@example.com", "bob": "bob@partner.example", "eve": "eve@partner.example", "again": "m@partner.example"})
	access.deny == {
		"[invitation-outside-organisation] synerise_invitations.this: email bob@example.com → bob@partner.example, and partner.example is not one of the organisation's domains (example.com)",
		"[invitation-outside-organisation] synerise_invitations.this: eve@partner.example is invited, and partner.example is not one of the organisation's domains (example.com)",
	} with input as with_domains([update("synerise_invitations", before, after)], example_com, [])
}

test_invitations_replaced_invite_everyone_again if {
	members := team({"ada": "ada@example.com", "eve": "eve@partner.example"})
	changes := [change_of("synerise_invitations", ["delete", "create"], members, members, {})]
	access.deny == {"[invitation-outside-organisation] synerise_invitations.this: eve@partner.example is invited, and partner.example is not one of the organisation's domains (example.com)"} with input as with_domains(changes, example_com, [])
}

test_subdomain_and_other_case_inside if {
	changes := [
		named(create("synerise_invitation", invited("ann@eu.example.com"), {}), "eu"),
		named(create("synerise_invitation", invited("BOB@EXAMPLE.COM"), {}), "shout"),
		named(update("synerise_invitation", invited("x@partner.example"), invited("X@Partner.Example")), "respelt"),
	]
	plan_input := with_domains(changes, [managed_domain("company", {"domain": "Example.COM."})], [])
	access.deny == set() with input as plan_input
	access.warn == set() with input as plan_input
}

test_domain_that_only_ends_like_one_is_outside if {
	access.deny == {"[invitation-outside-organisation] synerise_invitation.this: x@notexample.com is invited, and notexample.com is not one of the organisation's domains (example.com)"} with input as with_domains([create("synerise_invitation", invited("x@notexample.com"), {})], example_com, [])
}

test_removed_or_role_changed_passes if {
	changes := [
		named(destroy("synerise_invitation", invited("x@partner.example")), "x"),
		named(update("synerise_invitation", invited("y@partner.example"), {"email": "y@partner.example", "role_ids": [], "active": false}), "y"),
	]
	access.deny == set() with input as with_domains(changes, example_com, [])
	access.warn == set() with input as with_domains(changes, example_com, [])
}

test_address_known_only_after_apply_warns if {
	changes := [
		create("synerise_invitation", {"role_ids": []}, {"email": true}),
		create("synerise_invitations", {}, {"members": true}),
	]
	access.deny == set() with input as with_domains(changes, example_com, [])
	outside_warn == {
		"[invitation-outside-organisation] synerise_invitation.this: an invited address is known only after apply, so the plan cannot tell whether it is outside the organisation's domains",
		"[invitation-outside-organisation] synerise_invitations.this: an invited address is known only after apply, so the plan cannot tell whether it is outside the organisation's domains",
	} with input as with_domains(changes, example_com, [])
}

test_managed_domain_known_only_after_apply_warns if {
	changes := [
		named(create("synerise_invitation", invited("x@partner.example"), {}), "x"),
		named(create("synerise_invitation", invited("y@example.com"), {}), "y"),
	]
	planned := [managed_domain("company", {"domain": "example.com"}), managed_domain("later", {"id": "later"})]
	access.deny == set() with input as with_domains(changes, planned, [])
	access.warn == {"[invitation-outside-organisation] synerise_invitation.x: x@partner.example is invited, and partner.example is none of the organisation's domains known before apply (example.com); 1 more known only after apply, so the plan cannot tell whether it is outside"} with input as with_domains(changes, planned, [])
	access.warn == {
		"[invitation-outside-organisation] synerise_invitation.x: x@partner.example is invited, and the organisation's domains are known only after apply, so the plan cannot tell whether partner.example is one of them",
		"[invitation-outside-organisation] synerise_invitation.y: y@example.com is invited, and the organisation's domains are known only after apply, so the plan cannot tell whether example.com is one of them",
	} with input as with_domains(changes, [managed_domain("later", {"id": "later"})], [])
}

test_no_domain_known_warns_for_each_invitation if {
	changes := [
		named(create("synerise_invitation", invited("contractor@partner.example"), {}), "contractor"),
		named(create("synerise_invitation", {}, {"email": true}), "later"),
	]
	access.deny == set() with input as plan(changes)
	access.warn == {
		"[invitation-outside-organisation] synerise_invitation.contractor: contractor@partner.example is invited, and no organisation domain is known, so the plan cannot tell whether it is outside: give data.synerise_access.organisation_domains, or manage the domains with synerise_managed_domain",
		"[invitation-outside-organisation] synerise_invitation.later: an address known only after apply is invited, and no organisation domain is known, so the plan cannot tell whether it is outside: give data.synerise_access.organisation_domains, or manage the domains with synerise_managed_domain",
	} with input as plan(changes)
}

test_no_domain_known_and_nobody_invited_passes if {
	access.warn == set() with input as plan([update("synerise_invitation", invited("x@partner.example"), {"email": "x@partner.example", "active": false})])
}

test_given_domains_replace_the_plans if {
	changes := [
		named(create("synerise_invitation", invited("contractor@partner.example"), {}), "contractor"),
		named(create("synerise_invitation", invited("lead@example.com"), {}), "lead"),
	]
	access.deny == {"[invitation-outside-organisation] synerise_invitation.lead: lead@example.com is invited, and example.com is not one of the organisation's domains (example.org, partner.example)"} with input as with_domains(changes, example_com, [])
		with data.synerise_access.organisation_domains as ["Partner.Example", "example.org"]
}

test_exception_accepts_an_invitation_outside if {
	changes := with_domains([create("synerise_invitation", invited("contractor@partner.example"), {})], example_com, [])
	exceptions := [{"rule": "invitation-outside-organisation", "address": "synerise_invitation.this", "reason": "contract C-7"}]
	access.deny == set() with input as changes with data.synerise_access.exceptions as exceptions
	access.warn == {"[invitation-outside-organisation] synerise_invitation.this: contractor@partner.example is invited, and partner.example is not one of the organisation's domains (example.com) (accepted: contract C-7)"} with input as changes
		with data.synerise_access.exceptions as exceptions
}
