# The workspace has one such object; its id is always "device_control_settings".
terraform import synerise_device_control_settings.this device_control_settings
