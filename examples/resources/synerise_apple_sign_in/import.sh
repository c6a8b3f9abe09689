# The workspace has one such object; its id is always "apple_sign_in".
terraform import synerise_apple_sign_in.this apple_sign_in
