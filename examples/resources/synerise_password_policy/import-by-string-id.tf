import {
  to = synerise_password_policy.this
  id = "password_policy"
}
