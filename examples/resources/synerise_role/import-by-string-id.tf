import {
  to = synerise_role.auditor
  id = "42"
}
