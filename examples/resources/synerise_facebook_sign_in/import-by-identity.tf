import {
  to = synerise_facebook_sign_in.this
  identity = {
    id = "facebook_sign_in"
  }
}
