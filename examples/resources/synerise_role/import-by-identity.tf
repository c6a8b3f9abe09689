import {
  to = synerise_role.auditor
  identity = {
    id = 42
  }
}
