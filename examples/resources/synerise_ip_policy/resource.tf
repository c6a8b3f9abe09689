provider "synerise" {
  # Where CI applies from: a plan that leaves any of these out of an allowlist in force fails.
  apply_from_addresses = ["198.51.100.24"]
}

resource "synerise_ip_policy" "this" {
  enabled                = true
  enable_support_subnets = true
  # Office and VPN egress addresses, and CI's (apply_from_addresses above).
  ip_policy = ["203.0.113.7", "198.51.100.24"]

  # Only to apply, on purpose, an allowlist that the lockout guard refuses; the plan and the access
  # review show it. Remove it once applied.
  # lockout_acknowledged = true
}
