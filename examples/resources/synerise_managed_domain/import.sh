# A managed domain is imported by its bare name (no scheme, path or trailing dot); the workspace must manage it already.
terraform import synerise_managed_domain.example example.com
