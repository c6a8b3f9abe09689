import {
  to = synerise_google_sign_in.this
  id = "google_sign_in"
}
