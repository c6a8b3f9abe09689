# How the workspace's profiles (your customers) register and sign in. Like the security settings,
# each is one object per workspace: destroying a resource restores the API's defaults.

resource "synerise_auth_settings" "this" {
  enabled                               = true
  registration_type                     = "REQUIRE_EMAIL_CONFIRMATION"
  confirmation_redirect_link            = "https://shop.example.com/welcome"
  min_length                            = 10
  require_at_least_one_number           = true
  require_at_least_one_uppercase_letter = true
}

resource "synerise_general_settings" "this" {
  token_lifetime_in_seconds        = 3600
  allow_email_change_from_web_form = true
}

resource "synerise_email_template_settings" "this" {
  change_request_mail_subject      = "Confirm your new email address"
  change_notification_mail_subject = "Your email address is changing"
}

resource "synerise_device_control_settings" "this" {
  device_control_mode                = "SOFT"
  soft_mail_title                    = "A new device signed in to your account"
  device_unlock_success_redirect_url = "https://shop.example.com/device-authorized"
}

# Customers who already have an account at the company's identity provider sign in with its tokens.
resource "synerise_oauth_settings" "this" {
  enabled      = true
  mode         = "JWT_TOKEN"
  name         = "Company identity provider"
  jwk_endpoint = "https://auth.example.com/.well-known/jwks.json"
  mapping = {
    email = "email"
  }
}

resource "synerise_google_sign_in" "this" {
  enabled = true
}

resource "synerise_apple_sign_in" "this" {
  enabled = true
  bundle  = "com.example.shop"
}

# Kept off on purpose: managing it still records the decision, and a plan shows anyone turning it on.
resource "synerise_facebook_sign_in" "this" {
  enabled = false
}
