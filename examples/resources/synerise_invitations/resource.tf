data "synerise_available_roles" "all" {}

locals {
  analyst = data.synerise_available_roles.all.ids_by_name["Analyst"]
  # One line per person; hundreds cost one invitation request.
  analysts = ["ada@example.com", "alan@example.com", "grace@example.com"]
}

resource "synerise_invitations" "analytics_team" {
  members = merge(
    { for email in local.analysts : email => { role_ids = [local.analyst] } },
    {
      "edsger@example.com" = {
        first_name = "Edsger"
        role_ids   = [local.analyst, data.synerise_available_roles.all.ids_by_name["Marketer"]]
      }
    },
  )
}
