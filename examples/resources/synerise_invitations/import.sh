# Members are imported by their email addresses, comma-separated. Each must be a member or an invitation of
# the workspace, named once: addresses are compared without regard to case.
terraform import synerise_invitations.analytics_team ada@example.com,alan@example.com
