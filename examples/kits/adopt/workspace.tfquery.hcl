# Every object of the workspace that Terraform can manage, one list block per resource type.
# `terraform query` shows what they find; `terraform query -generate-config-out=generated.tf` writes
# the import and resource blocks that bring them under Terraform. A list returns at most `limit`
# objects (100 unless set), so the lists that can be long ask for more.

list "synerise_role_group" "all" {
  provider = synerise
  limit    = 1000
}

list "synerise_role" "all" {
  provider = synerise
  limit    = 1000
}

list "synerise_role_pii" "all" {
  provider = synerise
  limit    = 1000
}

# Members and pending invitations; `config { status = "ACTIVE" }` would take members only.
list "synerise_invitation" "all" {
  provider = synerise
  limit    = 10000
}

list "synerise_managed_domain" "all" {
  provider = synerise
  limit    = 1000
}

# The settings: one object each.
list "synerise_ip_policy" "this" {
  provider = synerise
}

list "synerise_password_policy" "this" {
  provider = synerise
}

list "synerise_ban_settings" "this" {
  provider = synerise
}

list "synerise_oauth_settings" "this" {
  provider = synerise
}

list "synerise_general_settings" "this" {
  provider = synerise
}

list "synerise_email_template_settings" "this" {
  provider = synerise
}

list "synerise_device_control_settings" "this" {
  provider = synerise
}

list "synerise_auth_settings" "this" {
  provider = synerise
}

list "synerise_google_sign_in" "this" {
  provider = synerise
}

list "synerise_facebook_sign_in" "this" {
  provider = synerise
}

list "synerise_apple_sign_in" "this" {
  provider = synerise
}
