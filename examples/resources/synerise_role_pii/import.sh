# The PII setting of a role is imported by the role's numeric id.
terraform import synerise_role_pii.support 42
