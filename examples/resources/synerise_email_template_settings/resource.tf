resource "synerise_email_template_settings" "this" {
  change_request_mail_subject      = "Confirm your new email address"
  change_request_mail_template_id  = "email-change-confirmation"
  change_notification_mail_subject = "Your email address is changing"
}
