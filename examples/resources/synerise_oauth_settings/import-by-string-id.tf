import {
  to = synerise_oauth_settings.this
  id = "oauth_settings"
}
