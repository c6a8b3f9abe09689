package synerise.access

findings contains {
	"rule": "pii-granted",
	"address": change.address,
	"text": sprintf("role %s gains access to personal data (pii_access %s → true)", [pii_role(change), pii_access_before(change)]),
} if {
	some change in managed_changes("synerise_role_pii")
	change.change.after.pii_access == true
	not change.change.before.pii_access == true
}

undecided contains undecided_attribute("pii-granted", change, "pii_access") if {
	some change in managed_changes("synerise_role_pii")
	change.change.after != null
	unknown_after_apply(change, "pii_access")
}

pii_access_before(change) := "false" if {
	change.change.before.pii_access == false
} else := "absent"

pii_role(change) := role_description(change.change.after.role_id) if {
	is_number(change.change.after.role_id)
} else := concat(", ", sorted_names) if {
	sorted_names := sort({sprintf("%q (%s, an id known only after apply)", [name, role.reference]) |
		some role in referenced_roles(change, "role_id")
		some name in role.names
	})
	count(sorted_names) > 0
} else := "known only after apply"
