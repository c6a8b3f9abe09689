# A configuration that uses the team module, as a user's repository would; tests/ tests both.
# The provider reads SYNERISE_API_URL and SYNERISE_API_TOKEN: in CI, the mock's address and token.
terraform {
  required_version = ">= 1.11"
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

provider "synerise" {}

module "platform_team" {
  source = "./modules/team"

  name      = "Platform"
  base_role = "Employee"
  roles = {
    "Platform engineer" = "Runs the platform"
    "Platform lead"     = "Leads the platform team"
  }
  members = {
    ada   = { email = "ada@example.com", first_name = "Ada", roles = ["Platform lead"] }
    grace = { email = "grace@example.com", roles = ["Platform engineer"] }
  }
}

output "platform_role_ids" {
  description = "Ids of the platform team's roles by name."
  value       = module.platform_team.role_ids
}

output "platform_base_role_id" {
  description = "Id of the workspace's Employee role, which every member of the team gets."
  value       = module.platform_team.base_role_id
}

output "platform_member_status" {
  description = "Status of each member of the platform team."
  value       = module.platform_team.member_status
}
