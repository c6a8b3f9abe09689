# invitation-outside-organisation: an invitation, or a change of a member's address, to an email domain
# outside the organisation's. The domains are data.synerise_access.organisation_domains when given, else
# those of the synerise_managed_domain resources in the plan's prior state and planned values; a subdomain
# of one is inside, and case does not matter.
package synerise.access

default given_domains := []

given_domains := data.synerise_access.organisation_domains

organisation_domains := {normal_domain(domain) | some domain in given_domains} if {
	count(given_domains) > 0
} else := {normal_domain(resource.values.domain) |
	some resource in state_resources("synerise_managed_domain")
	resource.mode == "managed"
	is_string(resource.values.domain)
}

# Managed domains whose name is known only after apply: planned values leave it out.
domains_known_later := {resource.address |
	some resource in state_resources("synerise_managed_domain")
	resource.mode == "managed"
	not is_string(object.get(resource.values, "domain", null))
} if {
	count(given_domains) == 0
} else := set()

normal_domain(domain) := trim_suffix(lower(trim_space(domain)), ".")

email_domain(email) := normal_domain(parts[count(parts) - 1]) if parts := split(email, "@")

inside(domain) if {
	some organisation_domain in organisation_domains
	domain == organisation_domain
}

inside(domain) if {
	some organisation_domain in organisation_domains
	endswith(domain, sprintf(".%s", [organisation_domain]))
}

# An invitee is an address a change invites: a new or replaced invitation, a member added to
# synerise_invitations, or an address that changes (formerly is the old one, "" for a new invitation).
# A null email is one known only after apply.
invitees contains {"address": change.address, "email": change.change.after.email, "formerly": formerly} if {
	some change in managed_changes("synerise_invitation")
	is_string(change.change.after.email)
	formerly := former_address(values_before(change), change.change.after.email, replaced(change))
}

invitees contains {"address": change.address, "email": null, "formerly": ""} if {
	some change in managed_changes("synerise_invitation")
	is_object(change.change.after)
	not is_string(object.get(change.change.after, "email", null))
}

# Members are matched by address: one moved to another label is not invited again.
invitees contains {"address": change.address, "email": member.email, "formerly": formerly} if {
	some change in managed_changes("synerise_invitations")
	some label, member in change.change.after.members
	is_string(member.email)
	not previously_invited(change, member.email)
	before := object.get(object.get(values_before(change), "members", {}), label, {})
	formerly := former_address(before, member.email, replaced(change))
}

invitees contains {"address": change.address, "email": null, "formerly": ""} if {
	some change in managed_changes("synerise_invitations")
	some member in change.change.after.members
	not is_string(object.get(member, "email", null))
}

invitees contains {"address": change.address, "email": null, "formerly": ""} if {
	some change in managed_changes("synerise_invitations")
	unknown_after_apply(change, "members")
}

replaced(change) if {
	"delete" in change.change.actions
	"create" in change.change.actions
} else := false

former_address(_, _, true) := ""

former_address(before, _, false) := "" if not is_string(object.get(before, "email", null))

former_address(before, email, false) := before.email if {
	is_string(before.email)
	lower(before.email) != lower(email)
}

previously_invited(change, email) if {
	not replaced(change)
	some member in object.get(values_before(change), "members", {})
	is_string(member.email)
	lower(member.email) == lower(email)
}

invited_how(invitee) := sprintf("%s is invited", [invitee.email]) if {
	invitee.formerly == ""
} else := sprintf("email %s → %s", [invitee.formerly, invitee.email])

listed_domains := concat(", ", sort(organisation_domains))

# outside_invitees are the invitees of a known address outside every domain known before apply.
outside_invitees contains [invitee, domain] if {
	count(organisation_domains) + count(domains_known_later) > 0
	some invitee in invitees
	is_string(invitee.email)
	domain := email_domain(invitee.email)
	not inside(domain)
}

findings contains {
	"rule": "invitation-outside-organisation",
	"address": invitee.address,
	"text": sprintf("%s, and %s is not one of the organisation's domains (%s)", [invited_how(invitee), domain, listed_domains]),
} if {
	count(domains_known_later) == 0
	some [invitee, domain] in outside_invitees
}

undecided contains {
	"rule": "invitation-outside-organisation",
	"address": invitee.address,
	"text": sprintf("%s, and %s", [invited_how(invitee), outside_known_domains(domain)]),
} if {
	count(domains_known_later) > 0
	some [invitee, domain] in outside_invitees
}

undecided contains {
	"rule": "invitation-outside-organisation",
	"address": invitee.address,
	"text": "an invited address is known only after apply, so the plan cannot tell whether it is outside the organisation's domains",
} if {
	some invitee in invitees
	invitee.email == null
	count(organisation_domains) + count(domains_known_later) > 0
}

undecided contains {
	"rule": "invitation-outside-organisation",
	"address": invitee.address,
	"text": sprintf("%s, and no organisation domain is known, so the plan cannot tell whether it is outside: give data.synerise_access.organisation_domains, or manage the domains with synerise_managed_domain", [invitee_name(invitee)]),
} if {
	count(organisation_domains) + count(domains_known_later) == 0
	some invitee in invitees
}

outside_known_domains(domain) := sprintf("%s is none of the organisation's domains known before apply (%s); %d more known only after apply, so the plan cannot tell whether it is outside", [domain, listed_domains, count(domains_known_later)]) if {
	count(organisation_domains) > 0
} else := sprintf("the organisation's domains are known only after apply, so the plan cannot tell whether %s is one of them", [domain])

invitee_name(invitee) := invited_how(invitee) if {
	is_string(invitee.email)
} else := "an address known only after apply is invited"
