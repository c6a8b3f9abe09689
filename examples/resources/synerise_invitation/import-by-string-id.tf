import {
  to = synerise_invitation.ada
  id = "ada@example.com"
}
