# Members are imported by their email addresses, comma-separated.
terraform import synerise_invitations.analytics_team ada@example.com,alan@example.com
