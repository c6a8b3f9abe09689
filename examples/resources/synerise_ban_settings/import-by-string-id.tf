import {
  to = synerise_ban_settings.this
  id = "ban_settings"
}
