# A managed domain is imported by its name.
terraform import synerise_managed_domain.example example.com
