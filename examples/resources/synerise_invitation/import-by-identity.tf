# The id of the user; `terraform query` finds it (list "synerise_invitation").
import {
  to = synerise_invitation.ada
  identity = {
    id = 7
  }
}
