import {
  to = synerise_apple_sign_in.this
  id = "apple_sign_in"
}
