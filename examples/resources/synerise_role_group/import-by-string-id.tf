import {
  to = synerise_role_group.security
  id = "12"
}
