# A role is imported by its numeric id.
terraform import synerise_role.auditor 42
