import {
  to = synerise_role_pii.support
  identity = {
    role_id = 42
  }
}
