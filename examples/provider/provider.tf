# The token can also come from SYNERISE_API_TOKEN, and the URL from SYNERISE_API_URL.
provider "synerise" {
  api_url   = "https://api.synerise.com"
  api_token = var.synerise_api_token
}

variable "synerise_api_token" {
  type      = string
  sensitive = true
}
