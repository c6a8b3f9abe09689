package synerise.access_test

import data.synerise.access

roles := [
	named(change_of("synerise_role", ["no-op"], {"id": 6, "name": "Developer"}, {"id": 6, "name": "Developer"}, {}), "developer"),
	named(change_of("synerise_role", ["no-op"], {"id": 9, "name": "Workspace Administrator"}, {"id": 9, "name": "Workspace Administrator"}, {}), "administrator"),
]

invitation(before_roles, after_roles) := update(
	"synerise_invitation",
	{"email": "ada@example.com", "role_ids": before_roles},
	{"email": "ada@example.com", "role_ids": after_roles},
)

# configured is a plan whose configuration gives the invitation's role_ids (or the invitations' members)
# with these references.
configured(changes, type, attribute, references) := {
	"resource_changes": changes,
	"configuration": {"root_module": {"resources": [{
		"address": sprintf("%s.this", [type]), "mode": "managed", "type": type, "name": "this",
		"expressions": {attribute: {"references": references}},
	}]}},
}

test_member_gains_an_admin_role if {
	access.deny == {"[admin-role-granted] synerise_invitation.this: ada@example.com gains \"Workspace Administrator\" (id 9), which looks like an administrator role"} with input as plan(array.concat(roles, [invitation([6], [6, 9])]))
}

test_member_who_had_the_admin_role_or_gains_another_passes if {
	access.deny == set() with input as plan(array.concat(roles, [invitation([9], [6, 9])]))
	access.deny == set() with input as plan(array.concat(roles, [invitation([], [6])]))
	access.warn == set() with input as plan(array.concat(roles, [invitation([], [6])]))
}

test_role_named_by_the_available_roles_data_source if {
	access.deny == {"[admin-role-granted] synerise_invitation.this: ada@example.com gains \"Owner\" (id 1), which looks like an administrator role"} with input as {
		"resource_changes": [create("synerise_invitation", {"email": "ada@example.com", "role_ids": [1]}, {"id": true})],
		"prior_state": {"values": {"root_module": {"resources": [{
			"address": "data.synerise_available_roles.all", "mode": "data", "type": "synerise_available_roles", "name": "all",
			"values": {"roles": [{"id": 1, "name": "Owner"}, {"id": 2, "name": "Analyst"}]},
		}]}}},
	}
}

test_role_the_plan_does_not_name_warns if {
	changes := plan([invitation([], [42])])
	access.deny == set() with input as changes
	access.warn == {"[admin-role-granted] synerise_invitation.this: ada@example.com gains id 42, a role the plan does not name: check that it is not an administrator role"} with input as changes
}

test_admin_role_known_only_after_apply_found_in_the_configuration if {
	changes := [
		named(create("synerise_role", {"name": "Superuser"}, {"id": true}), "root"),
		create("synerise_invitation", {"email": "linus@partner.example", "role_ids": [null]}, {"id": true, "role_ids": [true]}),
	]
	access.deny == {"[admin-role-granted] synerise_invitation.this: linus@partner.example gains roles known only after apply, and the configuration gives \"Superuser\" (synerise_role.root.id), which looks like an administrator role"} with input as configured(changes, "synerise_invitation", "role_ids", ["synerise_role.root.id", "synerise_role.root"])
}

test_other_role_known_only_after_apply_passes if {
	changes := [
		named(create("synerise_role", {"name": "Developer"}, {"id": true}), "developer"),
		create("synerise_invitation", {"email": "ada@example.com", "role_ids": [null]}, {"id": true, "role_ids": [true]}),
	]
	access.deny == set() with input as configured(changes, "synerise_invitation", "role_ids", ["synerise_role.developer.id", "synerise_role.developer"])
	access.warn == set() with input as configured(changes, "synerise_invitation", "role_ids", ["synerise_role.developer.id", "synerise_role.developer"])
		with data.synerise_access.organisation_domains as ["example.com"]
}

test_roles_known_only_after_apply_from_a_variable_warn if {
	changes := [create("synerise_invitation", {"email": "ada@example.com"}, {"id": true, "role_ids": true})]
	access.deny == set() with input as configured(changes, "synerise_invitation", "role_ids", ["var.roles"])
	access.warn == {"[admin-role-granted] synerise_invitation.this: ada@example.com gains roles known only after apply, and the plan does not name var.roles: check that none is an administrator role"} with input as configured(changes, "synerise_invitation", "role_ids", ["var.roles"])
		with data.synerise_access.organisation_domains as ["example.com"]
}

test_role_by_name_from_available_roles_in_the_configuration if {
	changes := [create("synerise_invitation", {"email": "ada@example.com", "role_ids": [null]}, {"id": true, "role_ids": [true]})]
	references := [
		"data.synerise_available_roles.all.ids_by_name[\"Admin\"]",
		"data.synerise_available_roles.all.ids_by_name",
		"data.synerise_available_roles.all",
	]
	access.deny == {"[admin-role-granted] synerise_invitation.this: ada@example.com gains roles known only after apply, and the configuration gives \"Admin\" (data.synerise_available_roles.all.ids_by_name[\"Admin\"]), which looks like an administrator role"} with input as configured(changes, "synerise_invitation", "role_ids", references)
}

test_one_member_of_invitations_gains_an_admin_role if {
	members_before := {
		"ada": {"email": "ada@example.com", "role_ids": [6]},
		"alan": {"email": "alan@example.com", "role_ids": [9]},
	}
	members_after := object.union(members_before, {"ada": {"email": "ada@example.com", "role_ids": [6, 9]}, "grace": {"email": "grace@example.com", "role_ids": [6]}})
	access.deny == {"[admin-role-granted] synerise_invitations.this: ada@example.com gains \"Workspace Administrator\" (id 9), which looks like an administrator role"} with input as plan(array.concat(roles, [update("synerise_invitations", {"members": members_before}, {"members": members_after})]))
}

test_invitations_members_known_only_after_apply if {
	changes := [
		named(create("synerise_role", {"name": "Account owner"}, {"id": true}), "owner"),
		create("synerise_invitations", {"members": {"ada": {"email": "ada@example.com", "role_ids": [null]}}}, {"id": true, "members": {"ada": {"role_ids": [true]}}}),
	]
	access.deny == {"[admin-role-granted] synerise_invitations.this: ada@example.com gains roles known only after apply, and the configuration gives \"Account owner\" (synerise_role.owner.id), which looks like an administrator role"} with input as configured(changes, "synerise_invitations", "members", ["synerise_role.owner.id", "synerise_role.owner"])
}

in_module(change) := object.union(change, {"address": sprintf("module.team.%s", [change.address]), "module_address": "module.team"})

test_roles_in_a_module_resolve_within_the_module if {
	changes := [
		in_module(named(create("synerise_role", {"name": "Administrator"}, {"id": true}), "admin")),
		named(create("synerise_role", {"name": "Viewer"}, {"id": true}), "admin"),
		in_module(create("synerise_invitation", {"email": "ada@example.com", "role_ids": [null]}, {"id": true, "role_ids": [true]})),
	]
	access.deny == {"[admin-role-granted] module.team.synerise_invitation.this: ada@example.com gains roles known only after apply, and the configuration gives \"Administrator\" (synerise_role.admin.id), which looks like an administrator role"} with input as {
		"resource_changes": changes,
		"configuration": {"root_module": {"module_calls": {"team": {"module": {"resources": [{
			"address": "synerise_invitation.this", "mode": "managed", "type": "synerise_invitation", "name": "this",
			"expressions": {"role_ids": {"references": ["synerise_role.admin.id", "synerise_role.admin"]}},
		}]}}}}},
	}
}
