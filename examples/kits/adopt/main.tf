# The configuration an adoption starts from: the provider and nothing else. `terraform query
# -generate-config-out=generated.tf` writes an import block and a resource block for every object that
# workspace.tfquery.hcl lists, next to this file.
terraform {
  required_version = ">= 1.14"
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

# The URL and the token come from SYNERISE_API_URL and SYNERISE_API_TOKEN.
provider "synerise" {}
