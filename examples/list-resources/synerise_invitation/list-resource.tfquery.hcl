# The pending invitations of addresses at example.com, by email address, with the whole resource.
list "synerise_invitation" "pending" {
  provider         = synerise
  include_resource = true

  config {
    status = "PENDING"
    search = "@example.com"
  }
}
