# The workspace has one such object; its id is always "email_template_settings".
terraform import synerise_email_template_settings.this email_template_settings
