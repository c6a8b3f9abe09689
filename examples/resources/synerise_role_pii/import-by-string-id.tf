import {
  to = synerise_role_pii.support
  id = "42"
}
