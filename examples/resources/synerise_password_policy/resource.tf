resource "synerise_password_policy" "this" {
  min_length    = 14
  max_length    = 128
  digits        = 1
  special_chars = 1
  expiration    = 90 # days
  different     = 5  # previous passwords a new one must differ from
  max_idle_time = 1800
}
