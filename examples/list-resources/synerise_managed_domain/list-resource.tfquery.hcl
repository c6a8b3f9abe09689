# Every domain the workspace manages.
list "synerise_managed_domain" "all" {
  provider = synerise
}
