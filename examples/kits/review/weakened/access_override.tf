# The same pull request's changes to roles and members of examples/kits/workspace.

resource "synerise_role" "sre" {
  name = "Platform engineer" # renamed from "Site reliability engineer"
}

# Barbara left the team; the lead also becomes a developer.
resource "synerise_invitations" "engineering" {
  members = {
    for name in ["ada", "alan", "edsger"] :
    name => { email = "${name}@example.com", role_ids = [synerise_role.developer.id] }
  }
}

resource "synerise_invitation" "lead" {
  role_ids = [synerise_role.sre.id, synerise_role.auditor.id, synerise_role.developer.id]
}
