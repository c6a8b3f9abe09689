resource "synerise_role_group" "security" {
  name = "Security"
}

resource "synerise_role" "auditor" {
  group_id    = synerise_role_group.security.id
  name        = "Auditor"
  description = "Reviews access, changes nothing"
}
