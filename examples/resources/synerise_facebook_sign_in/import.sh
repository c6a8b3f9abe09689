# The workspace has one such object; its id is always "facebook_sign_in".
terraform import synerise_facebook_sign_in.this facebook_sign_in
