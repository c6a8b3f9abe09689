import {
  to = synerise_general_settings.this
  id = "general_settings"
}
