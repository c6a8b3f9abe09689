# By name; add group_id when roles of several groups share the name.
data "synerise_role" "marketer" {
  name = "Marketer"
}

data "synerise_role" "by_id" {
  id = 17
}
