# The workspace has one of these settings objects: the list finds it, as it is.
list "synerise_google_sign_in" "this" {
  provider = synerise
}
