import {
  to = synerise_email_template_settings.this
  id = "email_template_settings"
}
