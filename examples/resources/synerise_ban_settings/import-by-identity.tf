import {
  to = synerise_ban_settings.this
  identity = {
    id = "ban_settings"
  }
}
