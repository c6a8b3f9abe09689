# Only users with multi-factor authentication may use the workspace.
resource "synerise_mfa_requirement" "this" {
  enabled = true
}
