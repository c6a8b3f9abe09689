import {
  to = synerise_ip_policy.this
  identity = {
    id = "ip_policy"
  }
}
