data "synerise_domain_verification" "example" {
  domain = "example.com"
}

output "publish_this_txt_record" {
  value = "${data.synerise_domain_verification.example.txt_record_name} TXT ${data.synerise_domain_verification.example.txt_record_value}"
}
