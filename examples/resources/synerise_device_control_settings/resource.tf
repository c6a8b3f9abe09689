resource "synerise_device_control_settings" "this" {
  device_control_mode                = "HARD"
  hard_mail_title                    = "Authorize your new device"
  hard_template_id                   = "device-authorization"
  device_unlock_success_redirect_url = "https://shop.example.com/device-authorized"
}
