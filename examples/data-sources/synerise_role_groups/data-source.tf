data "synerise_role_groups" "all" {}

output "roles_by_group" {
  value = {
    for group in data.synerise_role_groups.all.groups : group.name => group.roles[*].name
  }
}
