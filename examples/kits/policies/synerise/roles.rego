# Role names, for rules that speak of roles by id: from the synerise_role resources and data sources and
# the synerise_available_roles data sources in the plan, and, for an id known only after apply, from the
# roles the configuration refers to.
package synerise.access

# role_names_by_id pairs every role id the plan shows with a name it has there (before or after a rename).
role_names_by_id contains [values.id, values.name] if {
	some change in managed_changes("synerise_role")
	some values in [change.change.before, change.change.after]
	is_number(values.id)
	is_string(values.name)
}

role_names_by_id contains [resource.values.id, resource.values.name] if {
	some resource in state_resources("synerise_role")
	is_number(resource.values.id)
	is_string(resource.values.name)
}

role_names_by_id contains [role.id, role.name] if {
	some resource in state_resources("synerise_available_roles")
	some role in resource.values.roles
}

role_names(id) := {pair[1] |
	some pair in role_names_by_id
	pair[0] == id
}

# state_resources are the resources (and data sources) of a type in the prior state and the planned
# values, in any module.
state_resources(type) := {resource |
	some document in [object.get(input, ["prior_state", "values"], {}), object.get(input, "planned_values", {})]
	walk(document, [_, resource])
	is_object(resource)
	resource.type == type
	is_object(resource.values)
}

admin_like(name) if regex.match(`(?i)admin|owner|superuser|root`, name)

# role_description is how a message names a role: its name and id, or only its id.
role_description(id) := sprintf("%q (id %v)", [concat(" / ", sort(role_names(id))), id]) if {
	count(role_names(id)) > 0
} else := sprintf("id %v", [id])

# configuration_of is the configuration block of a change's resource, in the module the change is in.
configuration_of(change) := resource if {
	module := object.get(input, array.concat(["configuration", "root_module"], module_path(change)), {})
	some resource in module.resources
	resource.mode == change.mode
	resource.type == change.type
	resource.name == change.name
}

module_path(change) := [step |
	some call in regex.find_all_string_submatch_n(`module\.([^.\[]+)`, object.get(change, "module_address", ""), -1)
	some step in ["module_calls", call[1], "module"]
]

# referenced_roles are the roles an attribute's expression refers to, each as {"reference", "names"};
# names is empty when the plan does not tell the role's name (a variable, a local, a role whose name is
# known only after apply).
referenced_roles(change, attribute) := {role |
	some reference in configuration_of(change).expressions[attribute].references
	not covered_by_longer_reference(reference, configuration_of(change).expressions[attribute].references)
	role := {"reference": reference, "names": referenced_role_names(change, reference)}
}

# Terraform lists a reference with each of its prefixes (synerise_role.x.id and synerise_role.x); the
# longest one says the most.
covered_by_longer_reference(reference, references) if {
	some other in references
	other != reference
	startswith(other, reference)
}

module_prefix(change) := sprintf("%s.", [change.module_address]) if {
	change.module_address
} else := ""

referenced_role_names(change, reference) := {name |
	some planned in managed_changes("synerise_role")
	planned.address == sprintf("%ssynerise_role.%s", [module_prefix(change), role])
	name := planned_name(planned)
} if {
	[_, role] := regex.find_all_string_submatch_n(`^synerise_role\.([^.\[]+)`, reference, 1)[0]
}

referenced_role_names(change, reference) := {resource.values.name |
	some resource in state_resources("synerise_role")
	resource.address == sprintf("%sdata.synerise_role.%s", [module_prefix(change), role])
	is_string(resource.values.name)
} if {
	[_, role] := regex.find_all_string_submatch_n(`^data\.synerise_role\.([^.\[]+)`, reference, 1)[0]
}

referenced_role_names(_, reference) := {name} if {
	[_, name] := regex.find_all_string_submatch_n(`^data\.synerise_available_roles\.[^.\[]+\.ids_by_name\["([^"]+)"\]`, reference, 1)[0]
}

referenced_role_names(_, reference) := set() if {
	not regex.match(`^(synerise_role\.|data\.synerise_role\.|data\.synerise_available_roles\.[^.\[]+\.ids_by_name\[")`, reference)
}

planned_name(planned) := planned.change.after.name if {
	is_string(planned.change.after.name)
} else := planned.change.before.name if {
	planned.change.after == null
	is_string(planned.change.before.name)
}
