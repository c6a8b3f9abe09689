resource "synerise_oauth_settings" "this" {
  enabled  = true
  mode     = "SERVER"
  name     = "Corporate identity provider"
  endpoint = "https://auth.example.com/oauth/userinfo"
  headers = {
    Authorization = "Bearer {{_snrs_access_token}}"
  }
  mapping = {
    accessToken = "token"
  }
}
