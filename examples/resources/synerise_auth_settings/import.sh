# The workspace has one such object; its id is always "auth_settings".
terraform import synerise_auth_settings.this auth_settings
