# What the rules share: reading the JSON of `terraform show -json PLANFILE` (the input), the findings
# they add to, and the messages deny and warn make of those findings.
package synerise.access

# A finding is what a rule reports: its id, the resource address, and a sentence on what changes.
# The rules add to findings when they can tell from the plan, and to undecided when a value they need
# is known only after apply, so that an unknown never passes silently.
#
# deny lists the findings no exception accepts; warn lists the undecided ones and the accepted ones.
# conftest reads both (`--namespace synerise.access`); a strict gate adds `--fail-on-warn`.
deny contains message(finding) if {
	some finding in findings
	not accepted(finding)
}

warn contains message(finding) if {
	some finding in undecided
}

warn contains sprintf("%s (accepted: %s)", [message(finding), exception.reason]) if {
	some finding in findings
	some exception in exceptions
	exception_covers(exception, finding)
}

message(finding) := sprintf("[%s] %s: %s", [finding.rule, finding.address, finding.text])

# Exceptions come from the data document synerise_access.exceptions, a list of
# {"rule": ID, "address": ADDRESS, "reason": WHY}; without an address, one covers the rule everywhere.
# See README.md for a data file, and for one made from a pull request's labels.
default exceptions := []

exceptions := data.synerise_access.exceptions

accepted(finding) if {
	some exception in exceptions
	exception_covers(exception, finding)
}

# An exception names a resource by its address, and covers what changed outside Terraform there too.
exception_covers(exception, finding) if {
	exception.rule == finding.rule
	address := trim_suffix(finding.address, outside_terraform)
	object.get(exception, "address", address) == address
}

# managed_changes are the changes of one resource type, data sources left out: those the plan makes, and
# those Terraform's refresh found made outside Terraform (resource_drift, as a refresh-only plan shows
# them too), whose address says so. A personal-data grant made in the UI needs attention even when the
# plan reverts it: someone could make it, and may again.
managed_changes(type) := planned_changes(type) | changes_outside_terraform(type)

planned_changes(type) := {change |
	some change in input.resource_changes
	change.mode == "managed"
	change.type == type
}

outside_terraform := " (changed outside Terraform)"

changes_outside_terraform(type) := {object.union(change, {"address": concat("", [change.address, outside_terraform])}) |
	some change in input.resource_drift
	change.mode == "managed"
	change.type == type
}

# compared holds for a change with a before and an after (an update, a replacement or a no-op), the only
# ones whose values can be compared: a settings resource being created takes over whatever the workspace
# has, which the plan does not show.
compared(change) if {
	is_object(change.change.before)
	is_object(change.change.after)
}

# values_before are the resource's values before the change, none for a resource being created.
values_before(change) := change.change.before if {
	is_object(change.change.before)
} else := {}

created(change) if change.change.actions == ["create"]

destroyed(change) if change.change.actions == ["delete"]

unknown_after_apply(change, attribute) if change.change.after_unknown[attribute] == true

# unknown_somewhere_in is true when a collection, or one of its elements, is known only after apply.
default unknown_somewhere_in(_, _) := false

unknown_somewhere_in(change, attribute) if unknown_after_apply(change, attribute)

unknown_somewhere_in(change, attribute) if {
	some element in change.change.after_unknown[attribute]
	element == true
}

# lowered holds when a number of the resource's is lower after than before.
lowered(change, attribute) if change.change.after[attribute] < change.change.before[attribute]

# loosened_limit holds when a limit where 0 means "none" is raised or removed: fewer failed attempts
# were tolerated before.
loosened_limit(change, attribute) if {
	change.change.before[attribute] > 0
	change.change.after[attribute] > change.change.before[attribute]
}

loosened_limit(change, attribute) if {
	change.change.before[attribute] > 0
	change.change.after[attribute] == 0
}

turned_off(change, attribute) if {
	change.change.before[attribute] == true
	change.change.after[attribute] == false
}

turned_on(change, attribute) if {
	compared(change)
	change.change.before[attribute] != true
	change.change.after[attribute] == true
}

turned_on(change, attribute) if {
	created(change)
	change.change.after[attribute] == true
}

# undecided_attribute is the finding of a rule that would compare an attribute known only after apply.
undecided_attribute(rule, change, attribute) := {
	"rule": rule,
	"address": change.address,
	"text": sprintf("%s is known only after apply, so the plan cannot tell whether it changes for the worse", [attribute]),
}

# The singletons of the workspace's settings, with what each one is called in a message.
settings_resources := {
	"synerise_password_policy": "the password policy",
	"synerise_ip_policy": "the IP allowlist",
	"synerise_ban_settings": "the login ban settings",
	"synerise_mfa_requirement": "the MFA requirement",
	"synerise_auth_settings": "the profile authentication settings",
	"synerise_general_settings": "the general profile settings",
	"synerise_email_template_settings": "the email change templates",
	"synerise_device_control_settings": "the device control settings",
	"synerise_oauth_settings": "the OAuth settings",
	"synerise_google_sign_in": "Sign in with Google",
	"synerise_facebook_sign_in": "Sign in with Facebook",
	"synerise_apple_sign_in": "Sign in with Apple",
}

# on_destroy as the state has it; the providers' default, restore, when absent (MFA's default is reset).
on_destroy(change) := change.change.before.on_destroy if {
	is_string(change.change.before.on_destroy)
} else := "reset" if {
	change.type == "synerise_mfa_requirement"
} else := "restore"
