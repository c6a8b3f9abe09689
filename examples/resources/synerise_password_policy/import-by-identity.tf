import {
  to = synerise_password_policy.this
  identity = {
    id = "password_policy"
  }
}
