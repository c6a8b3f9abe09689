import {
  to = synerise_invitations.analytics_team
  id = "ada@example.com,alan@example.com"
}
