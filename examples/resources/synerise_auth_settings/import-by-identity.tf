import {
  to = synerise_auth_settings.this
  identity = {
    id = "auth_settings"
  }
}
