import {
  to = synerise_ip_policy.this
  id = "ip_policy"
}
