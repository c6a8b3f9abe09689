resource "synerise_ip_policy" "this" {
  enabled                = true
  enable_support_subnets = true
  # Office and VPN egress addresses. Keep the address CI applies from in the list.
  ip_policy = ["203.0.113.7", "198.51.100.24"]
}
