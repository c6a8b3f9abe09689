# The addresses CI applies from, such as a self-hosted runner's NAT gateway.
variable "ci_egress_addresses" {
  type    = list(string)
  default = ["198.51.100.24"]
}

locals {
  allowlist = ["203.0.113.7", "198.51.100.24"]
}

resource "synerise_ip_policy" "this" {
  enabled   = true
  ip_policy = local.allowlist

  lifecycle {
    # Fails the plan before an allowlist that would lock CI out is applied.
    precondition {
      condition = alltrue([
        for address in var.ci_egress_addresses : provider::synerise::ip_allowlist_covers(local.allowlist, address)
      ])
      error_message = "The IP allowlist leaves out a CI egress address: after the apply, CI could no longer reach the workspace."
    }
  }
}

# Warns on every plan and apply when the allowlist in force, as the workspace has it, leaves CI out.
check "ci_can_reach_the_workspace" {
  assert {
    condition = !synerise_ip_policy.this.enabled || alltrue([
      for address in var.ci_egress_addresses : provider::synerise::ip_allowlist_covers(synerise_ip_policy.this.ip_policy, address)
    ])
    error_message = "The IP allowlist in force leaves out a CI egress address."
  }
}
