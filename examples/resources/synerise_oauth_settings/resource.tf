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

# To keep a credential out of the state (Terraform 1.11 or later), send the headers write-only instead:
#
#   headers_wo         = { "X-Api-Key" = var.oauth_api_key }
#   headers_wo_version = 2 # change it after rotating the key
