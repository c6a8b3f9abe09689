terraform {
  required_version = ">= 1.11"
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

# The URL and the token come from SYNERISE_API_URL and SYNERISE_API_TOKEN.
provider "synerise" {}

resource "synerise_role_group" "security" {
  name        = "Security"
  description = "Roles of the security team"
}

resource "synerise_role" "auditor" {
  group_id    = synerise_role_group.security.id
  name        = "Auditor"
  description = "Reviews access, changes nothing"
}

resource "synerise_invitation" "grace" {
  email      = "grace@example.com"
  first_name = "Grace"
  role_ids   = [synerise_role.auditor.id]
}

resource "synerise_password_policy" "this" {
  min_length = 14
  digits     = 1
}

data "synerise_role_groups" "all" {
  depends_on = [synerise_role.auditor]
}

output "roles_by_group" {
  value = { for group in data.synerise_role_groups.all.groups : group.name => group.roles[*].name }
}
