# The workspace has one of these settings objects: the list finds it, as it is.
list "synerise_device_control_settings" "this" {
  provider = synerise
}
