data "synerise_available_roles" "all" {}

resource "synerise_invitation" "ada" {
  email      = "ada@example.com"
  first_name = "Ada"
  last_name  = "Lovelace"
  role_ids = [
    data.synerise_available_roles.all.ids_by_name["Marketer"],
    data.synerise_available_roles.all.ids_by_name["Analyst"],
  ]
  # A contractor: access ends on this date.
  access_expires_at = "2027-06-30T00:00:00Z"
}
