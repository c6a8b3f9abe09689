# The workspace has one such object; its id is always "ip_policy".
terraform import synerise_ip_policy.this ip_policy
