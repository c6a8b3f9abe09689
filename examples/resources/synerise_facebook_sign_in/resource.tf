resource "synerise_facebook_sign_in" "this" {
  enabled = false
}
