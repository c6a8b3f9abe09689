import {
  to = synerise_auth_settings.this
  id = "auth_settings"
}
