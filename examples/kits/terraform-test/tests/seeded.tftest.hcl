# Tests of the configuration in main.tf against the workspace ../seed.json describes: its Employee
# role (id 42) exists before Terraform runs, and the module finds it by name.

run "plan_finds_the_seeded_role" {
  command = plan

  assert {
    condition     = output.platform_base_role_id == 42
    error_message = "The module did not find the seed's Employee role (42): got ${output.platform_base_role_id}."
  }
}

run "apply_gives_every_member_the_seeded_role" {
  assert {
    condition     = alltrue([for role_ids in values(module.platform_team.member_role_ids) : contains(role_ids, 42)])
    error_message = "Not every member has the seed's Employee role (42): ${jsonencode(module.platform_team.member_role_ids)}"
  }
  assert {
    condition     = alltrue([for status in values(output.platform_member_status) : status == "PENDING"])
    error_message = "Not every member is PENDING: ${jsonencode(output.platform_member_status)}"
  }
  assert {
    condition     = length(output.platform_role_ids) == 2 && !contains(values(output.platform_role_ids), 42)
    error_message = "The team's roles are not two new roles beside the seeded one: ${jsonencode(output.platform_role_ids)}"
  }
}
