resource "synerise_role_group" "security" {
  name        = "Security"
  description = "Roles of the security team"
}
