variable "name" {
  description = "Name of the team, and of its role group."
  type        = string

  validation {
    condition     = length(trimspace(var.name)) > 0
    error_message = "The team needs a name."
  }
}

variable "roles" {
  description = "The team's own roles: name => description."
  type        = map(string)
  default     = {}
}

variable "base_role" {
  description = "Name of a role the workspace has already, which every member gets."
  type        = string
}

variable "members" {
  description = "Members by a label of your choice: email, an optional first name, and names of the team's roles."
  type = map(object({
    email      = string
    first_name = optional(string)
    roles      = optional(list(string), [])
  }))

  validation {
    condition     = length(var.members) > 0
    error_message = "A team has at least one member."
  }
  validation {
    condition     = alltrue([for member in values(var.members) : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", member.email))])
    error_message = "Every member needs an email address such as ada@example.com."
  }
  validation {
    condition     = alltrue([for member in values(var.members) : alltrue([for role in member.roles : contains(keys(var.roles), role)])])
    error_message = "A member's roles must be names of the team's roles (var.roles)."
  }
}
