terraform {
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

resource "synerise_role_group" "security" {
  name = "Security"
}

resource "synerise_role" "auditor" {
  group_id = synerise_role_group.security.id
  name     = "Auditor"
}

output "auditor_role_id" {
  value = synerise_role.auditor.id
}
