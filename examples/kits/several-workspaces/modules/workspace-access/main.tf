# The access every workspace of the organization shares: a role group of the platform team, its roles,
# the team's memberships and a password policy. The caller passes the provider of one workspace.
terraform {
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

variable "team" {
  description = "Members of the platform team by email address, with the role each has: \"engineer\" or \"auditor\"."
  type = map(object({
    first_name = string
    last_name  = string
    role       = string
  }))
  validation {
    condition     = alltrue([for m in values(var.team) : contains(["engineer", "auditor"], m.role)])
    error_message = "Each member's role must be \"engineer\" or \"auditor\"."
  }
}

variable "password_min_length" {
  description = "The shortest password the workspace accepts."
  type        = number
  default     = 14
}

resource "synerise_role_group" "platform" {
  name        = "Platform"
  description = "Roles of the platform team, managed in Git"
}

resource "synerise_role" "engineer" {
  group_id    = synerise_role_group.platform.id
  name        = "Platform engineer"
  description = "Configures the workspace"
}

resource "synerise_role" "auditor" {
  group_id    = synerise_role_group.platform.id
  name        = "Platform auditor"
  description = "Reviews access, changes nothing"
}

resource "synerise_invitations" "team" {
  members = {
    for email, m in var.team : email => {
      email      = email
      first_name = m.first_name
      last_name  = m.last_name
      role_ids   = [m.role == "engineer" ? synerise_role.engineer.id : synerise_role.auditor.id]
    }
  }
}

resource "synerise_password_policy" "this" {
  min_length = var.password_min_length
  digits     = 1
}

output "member_ids" {
  description = "The user id of each member in this workspace."
  value       = { for email, m in synerise_invitations.team.members : email => m.id }
}
