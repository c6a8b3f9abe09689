# A pull request that loosens the workspace's security settings. These override files change
# examples/kits/workspace's resources in place (Terraform merges *_override.tf into the blocks they name).

resource "synerise_password_policy" "this" {
  min_length = 8 # was 14
  digits     = 0 # was 1: digits no longer required
}

resource "synerise_mfa_requirement" "this" {
  enabled = false # was true
}

resource "synerise_ban_settings" "this" {
  first_ban_threshold = 10 # was 5 failed logins
}

resource "synerise_ip_policy" "this" {
  ip_policy = ["203.0.113.7", "198.51.100.24", "192.0.2.10"]
}
