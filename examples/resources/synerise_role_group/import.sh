# A role group is imported by its numeric id.
terraform import synerise_role_group.security 12
