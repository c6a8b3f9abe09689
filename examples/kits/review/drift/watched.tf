# What a security team keeps in Git so that a change made in the Synerise UI shows in the next plan:
# developers build integrations and see customers' personal data masked. A grant made outside Terraform
# then shows as "Changed outside Terraform" in the access review, which a plan without this resource
# could not see at all.
resource "synerise_role_pii" "developer" {
  role_id    = synerise_role.developer.id
  pii_access = false
}
