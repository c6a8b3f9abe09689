# A team's access to a Synerise workspace: a role group of its own with its roles, and its members
# invited with those roles and with a role that exists in the workspace already (looked up by name).
terraform {
  required_version = ">= 1.11"
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

resource "synerise_role_group" "team" {
  name        = var.name
  description = "Roles of the ${var.name} team, managed by Terraform"
}

resource "synerise_role" "team" {
  for_each = var.roles

  group_id    = synerise_role_group.team.id
  name        = each.key
  description = each.value
}

data "synerise_role" "base" {
  name = var.base_role
}

resource "synerise_invitations" "team" {
  members = {
    for label, member in var.members : label => {
      email      = member.email
      first_name = member.first_name
      role_ids   = concat([data.synerise_role.base.id], [for role in member.roles : synerise_role.team[role].id])
    }
  }
}
