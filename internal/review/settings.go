package review

import (
	"fmt"
	"reflect"
	"sort"
)

// settingsTypes are the settings resources, each one object per workspace, by what they set.
var settingsTypes = map[string]string{
	"synerise_password_policy":         "password policy",
	"synerise_ip_policy":               "IP allowlist",
	"synerise_ban_settings":            "login ban settings",
	"synerise_mfa_requirement":         "MFA requirement",
	"synerise_auth_settings":           "profile authentication settings",
	"synerise_general_settings":        "general profile-authentication settings",
	"synerise_email_template_settings": "email template settings",
	"synerise_device_control_settings": "device authorization settings",
	"synerise_oauth_settings":          "OAuth sign-in",
	"synerise_google_sign_in":          "Sign in with Google",
	"synerise_facebook_sign_in":        "Sign in with Facebook",
	"synerise_apple_sign_in":           "Sign in with Apple",
}

// onDestroyEffects say what destroying a settings resource does to the workspace, by on_destroy.
var onDestroyEffects = map[string]string{
	"restore": "writes back the settings the workspace had before Terraform managed them",
	"reset":   "writes the defaults of a new workspace",
	"retain":  "leaves the settings as they are and only stops managing them",
}

const maskedValue = "(sensitive)"

// settingsChange lists the attributes of a settings resource that change, before → after.
func settingsChange(c change) SettingsChange {
	out := SettingsChange{Address: c.address(), Action: c.verb()}
	if onDestroy := destroyedWith(c); onDestroy != "" {
		effect, ok := onDestroyEffects[onDestroy]
		if c.rc.Type == "synerise_mfa_requirement" && onDestroy == "reset" {
			effect = "disables the requirement"
		}
		if ok {
			out.Action = fmt.Sprintf("destroyed: on_destroy = %q %s", onDestroy, effect)
		}
	}
	if !c.after.exists() {
		return out
	}
	names := map[string]bool{}
	for name := range c.before.values {
		names[name] = true
	}
	for name := range c.after.values {
		names[name] = true
	}
	for name := range c.after.unknown {
		names[name] = true
	}
	sorted := make([]string, 0, len(names))
	for name := range names {
		if name != "id" {
			sorted = append(sorted, name)
		}
	}
	sort.Strings(sorted)
	for _, name := range sorted {
		if c.after.isUnknown(name) && !c.before.exists() {
			out.Later = append(out.Later, name)
			continue
		}
		before, after := c.before.values[name], c.after.values[name]
		if c.after.isUnknown(name) {
			after = nil
		} else if reflect.DeepEqual(before, after) && c.before.exists() {
			continue
		}
		if !c.before.exists() && after == nil {
			continue
		}
		row := SettingsRow{Attribute: name, Before: display(before), After: display(after)}
		if !c.before.exists() {
			row.Before = "—"
		}
		if c.after.isUnknown(name) {
			row.After = "known after apply"
		}
		if c.before.isSensitive(name) {
			row.Before = maskedValue
		}
		if c.after.isSensitive(name) {
			row.After = maskedValue
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}
