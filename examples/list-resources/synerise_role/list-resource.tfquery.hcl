# The roles of one role group, shown as "Developer (Engineering)"; leave config out for every role.
list "synerise_role" "engineering" {
  provider = synerise

  config {
    group_id = 12
  }
}
