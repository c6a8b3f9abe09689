import {
  to = synerise_google_sign_in.this
  identity = {
    id = "google_sign_in"
  }
}
