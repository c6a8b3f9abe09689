import {
  to = synerise_email_template_settings.this
  identity = {
    id = "email_template_settings"
  }
}
