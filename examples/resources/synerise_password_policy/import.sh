# The workspace has one such object; its id is always "password_policy".
terraform import synerise_password_policy.this password_policy
