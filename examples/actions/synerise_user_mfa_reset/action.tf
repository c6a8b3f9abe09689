data "synerise_users" "all" {}

# Run on demand, after the member lost the phone with their authenticator and their recovery code:
#   terraform apply -invoke=action.synerise_user_mfa_reset.grace
action "synerise_user_mfa_reset" "grace" {
  config {
    user_id = one([for u in data.synerise_users.all.users : u.id if u.email == "grace@example.com"])
  }
}
