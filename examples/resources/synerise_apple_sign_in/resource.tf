resource "synerise_apple_sign_in" "this" {
  enabled = true
  bundle  = "com.example.shop"
}
