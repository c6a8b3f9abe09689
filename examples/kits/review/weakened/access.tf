# New in the same pull request: developers see personal data, and a contractor joins as an administrator.

resource "synerise_role_pii" "developer" {
  role_id = synerise_role.developer.id
}

resource "synerise_role" "administrator" {
  group_id    = synerise_role_group.security.id
  name        = "Workspace administrator"
  description = "Manages users, roles and settings"
}

resource "synerise_invitation" "contractor" {
  email      = "contractor@partner.example"
  first_name = "Linus"
  last_name  = "Contractor"
  role_ids   = [synerise_role.administrator.id]
}
