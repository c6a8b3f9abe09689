package synerise.access

findings contains {
	"rule": "settings-destroyed",
	"address": change.address,
	"text": sprintf("destroyed with on_destroy = %s, which %s", [on_destroy(change), settings_left(change)]),
} if {
	some type, _ in settings_resources
	some change in managed_changes(type)
	destroyed(change)
}

settings_left(change) := sprintf("writes back %s the workspace had before Terraform managed it", [settings_resources[change.type]]) if {
	on_destroy(change) == "restore"
}

settings_left(change) := "disables the requirement, as a new workspace has it" if {
	change.type == "synerise_mfa_requirement"
	on_destroy(change) == "reset"
}

settings_left(change) := sprintf("resets %s to the defaults of a new workspace", [settings_resources[change.type]]) if {
	change.type != "synerise_mfa_requirement"
	on_destroy(change) == "reset"
}

settings_left(change) := sprintf("leaves %s unchanged, no longer managed by Terraform", [settings_resources[change.type]]) if {
	on_destroy(change) == "retain"
}
