data "synerise_available_roles" "all" {}

# Refer to roles by name: a reviewer reads "Marketer", not 17.
locals {
  marketer_role_id = data.synerise_available_roles.all.ids_by_name["Marketer"]
}

output "roles_with_shared_names" {
  value = data.synerise_available_roles.all.ambiguous_names
}
