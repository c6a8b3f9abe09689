resource "synerise_general_settings" "this" {
  token_lifetime_in_seconds        = 3600
  allow_email_change_from_web_form = true
}
