# Whether each role of the workspace sees personal data. The API reads each role's setting with a
# request of its own, so a limit also bounds the requests.
list "synerise_role_pii" "all" {
  provider = synerise
  limit    = 500
}
