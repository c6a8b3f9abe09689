import {
  to = synerise_managed_domain.example
  id = "example.com"
}
