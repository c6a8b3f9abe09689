output "group_id" {
  description = "Id of the team's role group."
  value       = synerise_role_group.team.id
}

output "role_ids" {
  description = "Ids of the team's roles by name."
  value       = { for name, role in synerise_role.team : name => role.id }
}

output "base_role_id" {
  description = "Id of the workspace's role every member gets."
  value       = data.synerise_role.base.id
}

output "member_status" {
  description = "Status of each member by label: PENDING until they accept the invitation."
  value       = { for label, member in synerise_invitations.team.members : label => member.status }
}

output "member_ids" {
  description = "User id of each member by label; while an invitation is pending it is also the invitation id."
  value       = { for label, member in synerise_invitations.team.members : label => member.id }
}

output "member_role_ids" {
  description = "Role ids of each member by label."
  value       = { for label, member in synerise_invitations.team.members : label => tolist(member.role_ids) }
}
