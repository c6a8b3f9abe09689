# The API cannot read the requirement, so the import ID states it: "enabled" or "disabled".
terraform import synerise_mfa_requirement.this enabled
