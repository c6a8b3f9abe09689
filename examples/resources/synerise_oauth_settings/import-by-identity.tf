import {
  to = synerise_oauth_settings.this
  identity = {
    id = "oauth_settings"
  }
}
