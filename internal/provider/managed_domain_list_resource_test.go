package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

func TestAccManagedDomainListResource(t *testing.T) {
	w := newTestWorkspace(t)
	for domain, method := range map[string]string{"Example.com": iam.DomainVerificationTXTRecord, "example.org": iam.DomainVerificationFileCheck} {
		w.mock.PublishDomainProof(domain, method)
		if _, err := w.client.VerifyManagedDomain(context.Background(), domain, method); err != nil {
			t.Fatal(err)
		}
	}
	// The identity holds the name as the API compares it; the display name and the resource as it is spelled.
	domains := found("synerise_managed_domain")
	exampleCom := map[string]knownvalue.Check{"name": knownvalue.StringExact("example.com")}
	testQueries(t, w,
		domains.query("  include_resource = true",
			domains.count(2),
			domains.includes(map[string]knownvalue.Check{"name": knownvalue.StringExact("example.org")}),
			domains.named(exampleCom, "Example.com"),
			domains.holding(exampleCom, map[string]knownvalue.Check{
				"domain":              knownvalue.StringExact("Example.com"),
				"verification_method": knownvalue.StringExact(iam.DomainVerificationTXTRecord),
				"verified":            knownvalue.Bool(true),
				"timeouts":            knownvalue.Null(),
			}),
		),
		domains.query("  limit = 1", domains.count(1)),
	)
}
