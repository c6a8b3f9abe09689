import {
  to = synerise_device_control_settings.this
  id = "device_control_settings"
}
