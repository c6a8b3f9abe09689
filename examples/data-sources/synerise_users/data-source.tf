# Invitations nobody accepted yet.
data "synerise_users" "pending" {
  status = "PENDING"
}

output "pending_invitations" {
  value = [for user in data.synerise_users.pending.users : user.email]
}
