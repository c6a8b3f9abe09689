# The TXT record is published outside this configuration (or by a DNS provider, see below).
resource "synerise_managed_domain" "example" {
  domain              = "example.com"
  verification_method = "TXT_RECORD"

  timeouts {
    create = "20m" # DNS changes may take a while to propagate
  }
}
