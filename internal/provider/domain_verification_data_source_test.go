package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// Should initialize-code answer without the verificationCode field, the error says so, names the
// endpoint, shows what it answered and what to do, rather than leaving a blank to publish.
func TestAccDomainVerificationDataSource_answerWithoutTheCode(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Without: []mockserver.Assumption{mockserver.VerificationCodeField}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(`data "synerise_domain_verification" "proof" {
  domain = "example.com"
}`),
				ExpectError: wrappedError(`GET /uauth/managed-domains/initialize-code answered 200 without the field verificationCode(?s).*` +
					`\{"code":"synerise-domain-verification=.*Synerise app`),
			},
		},
	})
}
