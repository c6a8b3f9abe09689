# The configuration whose state is ../unmanaged.state.json: a few synerise resources in the root
# module and in a child module, a data source, and a resource of another provider. Made with the real
# CLI against the mock (start_mock of scripts/mock-env.sh): terraform get, terraform apply, then
# terraform show -json > unmanaged.state.json.
terraform {
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

provider "synerise" {}

resource "synerise_role_group" "engineering" {
  name = "Engineering"
}

resource "synerise_role" "developer" {
  group_id = synerise_role_group.engineering.id
  name     = "Developer"
}

module "security" {
  source = "./modules/security"
}

resource "synerise_invitation" "lead" {
  email    = "Lead@Example.com"
  role_ids = [synerise_role.developer.id, module.security.auditor_role_id]
}

resource "synerise_invitations" "engineering" {
  members = {
    ada  = { email = "ada@example.com", role_ids = [synerise_role.developer.id] }
    alan = { email = "alan@example.com", role_ids = [synerise_role.developer.id] }
  }
}

data "synerise_available_roles" "all" {
  depends_on = [synerise_role.developer]
}

resource "terraform_data" "note" {
  input = "not a synerise resource"
}
