# The API cannot read the requirement: after an import by identity the plan writes the configured
# value. The import ID "enabled" or "disabled" imports it as it is instead.
import {
  to = synerise_mfa_requirement.this
  identity = {
    id = "mfa_requirement"
  }
}
