# The workspace has one such object; its id is always "general_settings".
terraform import synerise_general_settings.this general_settings
