# The workspace has one of these settings objects: the list finds it, as it is.
list "synerise_ip_policy" "this" {
  provider = synerise
}
