import {
  to = synerise_mfa_requirement.this
  id = "enabled"
}
