# The workspace has one such object; its id is always "oauth_settings".
terraform import synerise_oauth_settings.this oauth_settings
