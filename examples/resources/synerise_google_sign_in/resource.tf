resource "synerise_google_sign_in" "this" {
  enabled = true
}
