import {
  to = synerise_general_settings.this
  identity = {
    id = "general_settings"
  }
}
