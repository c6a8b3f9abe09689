# OpenTofu 1.11 or later (provider for_each came in 1.9, the write-only arguments this provider has in
# 1.11): one provider block with for_each makes a provider instance per workspace,
# and one module block with for_each applies the access to each. Adding a workspace is one entry in
# var.workspaces and its token in var.tokens.
terraform {
  required_version = ">= 1.11"
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

# OpenTofu evaluates a provider's for_each before anything else, so it must come from values known
# without the state: variables and locals, never sensitive ones.
variable "workspaces" {
  description = <<-EOT
    What differs between the workspaces, by workspace name. To stop managing a workspace, set managed
    to false and apply (its provider instance destroys what the module made), then remove the entry.
  EOT
  type = map(object({
    managed             = bool
    password_min_length = number
  }))
  default = {
    "shop-eu" = { managed = true, password_min_length = 14 }
    "shop-us" = { managed = true, password_min_length = 16 }
  }
}

variable "tokens" {
  description = "API token of each workspace, by workspace name (from your CI's secret store)."
  type        = map(string)
  sensitive   = true
}

locals {
  team = {
    "ada@example.com"   = { first_name = "Ada", last_name = "Lovelace", role = "engineer" }
    "grace@example.com" = { first_name = "Grace", last_name = "Hopper", role = "auditor" }
  }
}

provider "synerise" {
  alias     = "workspace"
  for_each  = var.workspaces
  api_token = var.tokens[each.key]
}

# A provider instance must outlive the resources it manages by one apply, so the modules iterate over
# the managed workspaces and the providers over all of them.
module "access" {
  source              = "../modules/workspace-access"
  for_each            = { for name, workspace in var.workspaces : name => workspace if workspace.managed }
  providers           = { synerise = synerise.workspace[each.key] }
  team                = local.team
  password_min_length = each.value.password_min_length
}
