# A member is imported by user id, or by email address.
terraform import synerise_invitation.ada 11405
terraform import synerise_invitation.ada ada@example.com
