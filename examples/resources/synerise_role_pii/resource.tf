resource "synerise_role_group" "customer_care" {
  name = "Customer care"
}

resource "synerise_role" "support" {
  group_id = synerise_role_group.customer_care.id
  name     = "Support agent"
}

# Support agents see customers' personal data unmasked.
resource "synerise_role_pii" "support" {
  role_id    = synerise_role.support.id
  pii_access = true
}
