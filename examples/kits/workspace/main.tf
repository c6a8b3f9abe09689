# A workspace's access configuration, applied by `make demo` against the bundled mock API; with
# customer_login.tf it uses every resource and data source of the provider.
# The provider reads SYNERISE_API_URL and SYNERISE_API_TOKEN from the environment.
terraform {
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}

provider "synerise" {}

resource "synerise_role_group" "engineering" {
  name        = "Engineering"
  description = "Roles of the engineering teams"
}

resource "synerise_role_group" "security" {
  name        = "Security"
  description = "Roles of the security team"
}

resource "synerise_role" "developer" {
  group_id    = synerise_role_group.engineering.id
  name        = "Developer"
  description = "Builds integrations"
}

resource "synerise_role" "sre" {
  group_id    = synerise_role_group.engineering.id
  name        = "Site reliability engineer"
  description = "Keeps the integrations running"
}

resource "synerise_role" "auditor" {
  group_id    = synerise_role_group.security.id
  name        = "Auditor"
  description = "Reviews access, changes nothing"
}

# The auditor sees personal data, to review access requests.
resource "synerise_role_pii" "auditor" {
  role_id = synerise_role.auditor.id
}

# Look the roles up by name, as a configuration that does not manage them would.
data "synerise_available_roles" "all" {
  depends_on = [synerise_role.developer, synerise_role.sre, synerise_role.auditor]
}

data "synerise_role" "auditor" {
  name     = "Auditor"
  group_id = synerise_role_group.security.id
  # The lookup must wait for the role, not only for its group.
  depends_on = [synerise_role.auditor]
}

data "synerise_role_permissions" "auditor" {
  role_id = data.synerise_role.auditor.id
}

data "synerise_role_groups" "all" {
  depends_on = [synerise_role.developer, synerise_role.sre, synerise_role.auditor]
}

output "role_ids" {
  description = "Role ids by name, for invitations and user updates."
  value = {
    for role in [synerise_role.developer, synerise_role.sre, synerise_role.auditor] : role.name => role.id
  }
}

output "auditor_permissions" {
  description = "What the auditor role may do, by permission."
  value       = data.synerise_role_permissions.auditor.granted
}

output "roles_by_group" {
  value = { for group in data.synerise_role_groups.all.groups : group.name => group.roles[*].name }
}

output "developer_id_by_name" {
  value = data.synerise_available_roles.all.ids_by_name["Developer"]
}

# One person, followed through invitation to membership.
resource "synerise_invitation" "lead" {
  email      = "lead@example.com"
  first_name = "Grace"
  last_name  = "Hopper"
  role_ids   = [synerise_role.sre.id, synerise_role.auditor.id]
}

# A team onboarded at once: one invitation request, one line per person in a plan.
resource "synerise_invitations" "engineering" {
  members = {
    for name in ["ada", "alan", "edsger", "barbara"] :
    name => { email = "${name}@example.com", role_ids = [synerise_role.developer.id] }
  }
}

data "synerise_users" "pending" {
  status     = "PENDING"
  depends_on = [synerise_invitation.lead, synerise_invitations.engineering]
}

output "pending_invitations" {
  value = sort([for user in data.synerise_users.pending.users : user.email])
}

# Security settings; destroying them restores the API's defaults.
resource "synerise_password_policy" "this" {
  min_length    = 14
  max_length    = 128
  digits        = 1
  special_chars = 1
}

resource "synerise_ip_policy" "this" {
  enabled   = false # switch on once the list holds every office and CI address
  ip_policy = ["203.0.113.7", "198.51.100.24"]
}

resource "synerise_ban_settings" "this" {
  blocking_for_client_enabled = true
  first_ban_threshold         = 5
  first_ban_duration          = 900
}

resource "synerise_mfa_requirement" "this" {
  enabled = true
}

# The workspace manages the users of its company domain. In a real configuration a DNS provider's
# record publishes txt_record_value; the demo's mock makes it visible a moment into the apply.
data "synerise_domain_verification" "company" {
  domain = "example.com"
}

resource "synerise_managed_domain" "company" {
  domain = data.synerise_domain_verification.company.txt_record_name
  timeouts {
    create = "1m"
  }
}

output "domain_verification_record" {
  value = "${data.synerise_domain_verification.company.txt_record_name} TXT ${data.synerise_domain_verification.company.txt_record_value}"
}
