package synerise.access

# A grant is one member's roles before and after a change: the ids known in the plan, whether some are
# known only after apply, and then the roles the configuration refers to for them.
grants contains {
	"address": change.address,
	"member": member_name(object.get(change.change.after, "email", null)),
	"before": role_id_set(object.get(values_before(change), "role_ids", [])),
	"after": role_id_set(object.get(change.change.after, "role_ids", [])),
	"unknown": unknown_somewhere_in(change, "role_ids"),
	"referenced": referenced_roles(change, "role_ids"),
} if {
	some change in managed_changes("synerise_invitation")
	is_object(change.change.after)
}

grants contains {
	"address": change.address,
	"member": member_name(object.get(member, "email", null)),
	"before": role_id_set(object.get(object.get(object.get(values_before(change), "members", {}), key, {}), "role_ids", [])),
	"after": role_id_set(object.get(member, "role_ids", [])),
	"unknown": member_roles_unknown(change, key),
	"referenced": referenced_roles(change, "members"),
} if {
	some change in managed_changes("synerise_invitations")
	some key, member in change.change.after.members
}

# Members known only after apply as a whole: no ids, every role the configuration refers to.
grants contains {
	"address": change.address,
	"member": "members known only after apply",
	"before": set(),
	"after": set(),
	"unknown": true,
	"referenced": referenced_roles(change, "members"),
} if {
	some change in managed_changes("synerise_invitations")
	unknown_after_apply(change, "members")
}

member_name(email) := email if {
	is_string(email)
} else := "a member whose email is known only after apply"

role_id_set(role_ids) := {id | some id in role_ids; is_number(id)}

# unknown_somewhere_in does not reach into a member, so each member's role ids are looked up here.
default member_roles_unknown(_, _) := false

member_roles_unknown(change, key) if change.change.after_unknown.members[key] == true

member_roles_unknown(change, key) if change.change.after_unknown.members[key].role_ids == true

member_roles_unknown(change, key) if {
	some marker in change.change.after_unknown.members[key].role_ids
	marker == true
}

findings contains {
	"rule": "admin-role-granted",
	"address": grant.address,
	"text": sprintf("%s gains %s, which looks like an administrator role", [grant.member, concat(", ", described)]),
} if {
	some grant in grants
	described := sort({role_description(id) |
		some id in (grant.after - grant.before)
		some name in role_names(id)
		admin_like(name)
	})
	count(described) > 0
}

findings contains {
	"rule": "admin-role-granted",
	"address": grant.address,
	"text": sprintf("%s gains roles known only after apply, and the configuration gives %s, which looks like an administrator role", [grant.member, concat(", ", described)]),
} if {
	some grant in grants
	grant.unknown
	described := sort({sprintf("%q (%s)", [name, role.reference]) |
		some role in grant.referenced
		some name in role.names
		admin_like(name)
	})
	count(described) > 0
}

undecided contains {
	"rule": "admin-role-granted",
	"address": grant.address,
	"text": sprintf("%s gains %s, a role the plan does not name: check that it is not an administrator role", [grant.member, role_description(id)]),
} if {
	some grant in grants
	some id in (grant.after - grant.before)
	count(role_names(id)) == 0
}

undecided contains {
	"rule": "admin-role-granted",
	"address": grant.address,
	"text": sprintf("%s gains roles known only after apply, and the plan does not name %s: check that none is an administrator role", [grant.member, unnamed]),
} if {
	some grant in grants
	grant.unknown
	unnamed := unnamed_references(grant)
	unnamed != ""
}

unnamed_references(grant) := concat(", ", sort({role.reference | some role in grant.referenced; count(role.names) == 0})) if {
	count(grant.referenced) > 0
} else := "the roles it refers to"
