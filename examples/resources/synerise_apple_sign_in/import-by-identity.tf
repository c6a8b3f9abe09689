import {
  to = synerise_apple_sign_in.this
  identity = {
    id = "apple_sign_in"
  }
}
