# Terraform: one provider block per workspace, each with its own token, and the module applied once
# per workspace through an alias. Adding a workspace is one provider block and one module block.
terraform {
  required_version = ">= 1.11"
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
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
  alias     = "shop_eu"
  api_token = var.tokens["shop-eu"]
}

provider "synerise" {
  alias     = "shop_us"
  api_token = var.tokens["shop-us"]
}

module "shop_eu" {
  source    = "../modules/workspace-access"
  providers = { synerise = synerise.shop_eu }
  team      = local.team
}

module "shop_us" {
  source              = "../modules/workspace-access"
  providers           = { synerise = synerise.shop_us }
  team                = local.team
  password_min_length = 16 # this workspace's compliance asks for more
}
