# Tests of the team module on its own, against the mock API started with ../seed.json (see README.md).
# Every run here calls modules/team directly; terraform test destroys what they created at the end.

variables {
  name      = "Data"
  base_role = "Employee"
  roles = {
    "Data engineer" = "Builds pipelines"
    "Data analyst"  = "Reads the results"
  }
  members = {
    linus = { email = "linus@example.com", roles = ["Data engineer"] }
  }
}

# A plan shows the team's group and roles before anything exists.
run "plan_shows_the_group_and_its_roles" {
  command = plan

  module {
    source = "./modules/team"
  }

  assert {
    condition     = synerise_role_group.team.name == "Data"
    error_message = "The role group is not named after the team."
  }
  assert {
    condition     = toset(keys(synerise_role.team)) == toset(["Data engineer", "Data analyst"])
    error_message = "The plan does not create one role per entry of var.roles."
  }
  assert {
    condition     = synerise_invitations.team.members["linus"].email == "linus@example.com"
    error_message = "The plan does not invite linus."
  }
}

# The apply creates them in the workspace: the roles get ids, the members are invited.
run "apply_creates_the_team_and_invites_its_members" {
  module {
    source = "./modules/team"
  }

  assert {
    condition     = length(output.role_ids) == 2 && alltrue([for id in values(output.role_ids) : id > 0])
    error_message = "The roles have no ids after the apply: ${jsonencode(output.role_ids)}"
  }
  assert {
    condition     = output.member_status == { linus = "PENDING" }
    error_message = "linus is not PENDING: ${jsonencode(output.member_status)}"
  }
  assert {
    condition     = synerise_invitations.team.members["linus"].role_ids == toset([output.base_role_id, output.role_ids["Data engineer"]])
    error_message = "linus was not invited with the workspace's Employee role and the team's Data engineer."
  }
}

# A second apply with one more member invites them beside the first.
run "adding_a_member_invites_them" {
  module {
    source = "./modules/team"
  }

  variables {
    members = {
      linus  = { email = "linus@example.com", roles = ["Data engineer"] }
      edsger = { email = "edsger@example.com", first_name = "Edsger", roles = ["Data analyst"] }
    }
  }

  assert {
    condition     = output.member_status == { linus = "PENDING", edsger = "PENDING" }
    error_message = "The team is not linus and edsger, both PENDING: ${jsonencode(output.member_status)}"
  }
  assert {
    condition     = contains(synerise_invitations.team.members["edsger"].role_ids, output.role_ids["Data analyst"])
    error_message = "edsger was not invited with the team's role Data analyst."
  }
}

# The module refuses a member without a valid address before anything is sent.
run "a_bad_email_is_refused" {
  command = plan

  module {
    source = "./modules/team"
  }

  variables {
    members = {
      typo = { email = "grace.example.com" }
    }
  }

  expect_failures = [var.members]
}
