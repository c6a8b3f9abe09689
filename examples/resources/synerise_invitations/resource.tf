data "synerise_available_roles" "all" {}

locals {
  analyst = data.synerise_available_roles.all.ids_by_name["Analyst"]
  # One line per person; hundreds cost one invitation request.
  analysts = ["ada@example.com", "alan@example.com", "grace@example.com"]
}

# Members are keyed by labels you choose, as for_each keys; an email address is a fine label too.
resource "synerise_invitations" "analytics_team" {
  members = merge(
    { for email in local.analysts : email => { email = email, role_ids = [local.analyst] } },
    {
      edsger = {
        email      = "edsger@example.com"
        first_name = "Edsger"
        role_ids   = [local.analyst, data.synerise_available_roles.all.ids_by_name["Marketer"]]
        # A contractor: access ends on this date.
        access_expires_at = "2027-06-30T00:00:00Z"
      }
      # On leave: keeps the membership, without access to the workspace until active is true again.
      barbara = { email = "barbara@example.com", role_ids = [local.analyst], active = false }
    },
  )
}
