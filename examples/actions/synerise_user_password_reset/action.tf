data "synerise_users" "all" {}

# Run on demand, after the member reported their password leaked:
#   terraform apply -invoke=action.synerise_user_password_reset.ada
action "synerise_user_password_reset" "ada" {
  config {
    user_id = one([for u in data.synerise_users.all.users : u.id if u.email == "ada@example.com"])
  }
}
