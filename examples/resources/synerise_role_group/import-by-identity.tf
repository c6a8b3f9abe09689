import {
  to = synerise_role_group.security
  identity = {
    id = 12
  }
}
