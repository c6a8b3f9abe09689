# The workspace has one such object; its id is always "google_sign_in".
terraform import synerise_google_sign_in.this google_sign_in
