package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NewEmailTemplateSettingsResource is the factory of synerise_email_template_settings.
func NewEmailTemplateSettingsResource() resource.Resource {
	return &settingsResource{spec: settingsSpec{
		typeSuffix:  "email_template_settings",
		id:          "email_template_settings",
		path:        "/sauth/settings/templates",
		title:       "email template settings",
		description: "The emails sent to profiles that change their email address. A template id overrides the body.",
		fields: []settingField{
			textField("change_request_mail_subject", "clientEmailChangeRequestMailSubject", "Subject of the confirmation email sent to the new address."),
			textField("change_request_mail_body", "clientEmailChangeRequestMailBody", "HTML body (one line, quotes escaped) of the confirmation email sent to the new address."),
			textField("change_request_mail_template_id", "clientEmailChangeRequestMailTemplateId", "Template of the confirmation email sent to the new address."),
			textField("change_notification_mail_subject", "clientEmailChangeNotificationMailSubject", "Subject of the notification sent to the current address."),
			textField("change_notification_mail_body", "clientEmailChangeNotificationMailBody", "HTML body (one line, quotes escaped) of the notification sent to the current address."),
			textField("change_notification_mail_template_id", "clientEmailChangeNotificationMailTemplateId", "Template of the notification sent to the current address."),
		},
	}}
}
