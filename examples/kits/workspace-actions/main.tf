# A security incident about one member: recording the incident's ticket resets the member's password
# and multi-factor authentication, once when the ticket is first applied and again whenever it changes.
# Action blocks need Terraform 1.14 or later. `make demo-actions` applies this against the mock API, then
# invokes one of the actions on its own with `terraform apply -invoke=...`.
terraform {
  required_version = ">= 1.14"
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

# The URL and token come from SYNERISE_API_URL and SYNERISE_API_TOKEN.
provider "synerise" {}

variable "incident" {
  description = "Ticket of the security incident that prompted the resets, such as SEC-42; a new ticket resets again."
  type        = string
}

variable "member_email" {
  description = "Email address of the member whose password and authenticator the incident exposed."
  type        = string
}

data "synerise_users" "all" {}

locals {
  member_id = one([for u in data.synerise_users.all.users : u.id if lower(u.email) == lower(var.member_email)])
}

action "synerise_user_password_reset" "incident" {
  config {
    user_id = local.member_id
  }
}

action "synerise_user_mfa_reset" "incident" {
  config {
    user_id = local.member_id
  }
}

resource "terraform_data" "incident" {
  input = var.incident

  lifecycle {
    precondition {
      condition     = local.member_id != null
      error_message = "No user of the workspace has the address ${var.member_email}."
    }
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.synerise_user_password_reset.incident, action.synerise_user_mfa_reset.incident]
    }
  }
}
