package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// NewEmailTemplateSettingsResource is the factory of synerise_email_template_settings.
func NewEmailTemplateSettingsResource() resource.Resource {
	return &settingsResource{spec: newSettingsSpec(settings.EmailTemplateSettings,
		"The emails sent to profiles that change their email address. A template id overrides the body.",
		map[string]fieldTerraform{
			"change_request_mail_subject":          described("Subject of the confirmation email sent to the new address."),
			"change_request_mail_body":             described("HTML body (one line, quotes escaped) of the confirmation email sent to the new address."),
			"change_request_mail_template_id":      described("Template of the confirmation email sent to the new address."),
			"change_notification_mail_subject":     described("Subject of the notification sent to the current address."),
			"change_notification_mail_body":        described("HTML body (one line, quotes escaped) of the notification sent to the current address."),
			"change_notification_mail_template_id": described("Template of the notification sent to the current address."),
		})}
}
