import {
  to = synerise_facebook_sign_in.this
  id = "facebook_sign_in"
}
