import {
  to = synerise_invitations.analytics_team
  identity = {
    emails = ["ada@example.com", "alan@example.com"]
  }
}
