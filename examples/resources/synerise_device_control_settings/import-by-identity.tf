import {
  to = synerise_device_control_settings.this
  identity = {
    id = "device_control_settings"
  }
}
