resource "synerise_ban_settings" "this" {
  blocking_for_client_enabled = true

  first_ban_collecting_time = 300
  first_ban_threshold       = 5
  first_ban_duration        = 900

  permanent_ban_collecting_time = 3600
  permanent_ban_threshold       = 50
  permanent_ban_duration        = 86400
}
