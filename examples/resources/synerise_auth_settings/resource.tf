resource "synerise_auth_settings" "this" {
  enabled                               = true
  registration_type                     = "REQUIRE_EMAIL_CONFIRMATION"
  confirmation_redirect_link            = "https://shop.example.com/welcome"
  min_length                            = 10
  require_at_least_one_number           = true
  require_at_least_one_uppercase_letter = true
}
