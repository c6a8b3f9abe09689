# Members are imported by their email addresses, comma-separated. Each must be a member or an invitation of
# the workspace, named once: addresses are compared without regard to case. Imported members get labels
# derived from their addresses (ada@example.com becomes ada_example_com); rename them freely afterwards.
terraform import synerise_invitations.analytics_team ada@example.com,alan@example.com
