# Every role group of the workspace, by name.
list "synerise_role_group" "all" {
  provider = synerise
}
