# The workspace has one such object; its id is always "ban_settings".
terraform import synerise_ban_settings.this ban_settings
