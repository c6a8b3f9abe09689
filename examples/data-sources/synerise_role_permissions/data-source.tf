data "synerise_role" "auditor" {
  name = "Auditor"
}

data "synerise_role_permissions" "auditor" {
  role_id = data.synerise_role.auditor.id
}

# Fail the plan if the auditor role could change users.
check "auditor_is_read_only" {
  assert {
    condition     = !contains(data.synerise_role_permissions.auditor.granted["settings_users"], "update")
    error_message = "The auditor role must not be able to update users."
  }
}
