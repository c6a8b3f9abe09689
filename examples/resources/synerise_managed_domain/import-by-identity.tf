import {
  to = synerise_managed_domain.example
  identity = {
    name = "example.com"
  }
}
