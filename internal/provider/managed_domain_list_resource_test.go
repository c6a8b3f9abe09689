package provider

import (
	"context"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

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
	byExampleCom := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"name": knownvalue.StringExact("example.com")})
	tfresource.ParallelTest(t, listTestCase(w,
		tfresource.TestStep{
			Query:  true,
			Config: listBlock("synerise_managed_domain", "  include_resource = true"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("synerise_managed_domain.found", 2),
				querycheck.ExpectIdentity("synerise_managed_domain.found", map[string]knownvalue.Check{"name": knownvalue.StringExact("example.org")}),
				querycheck.ExpectResourceDisplayName("synerise_managed_domain.found", byExampleCom, knownvalue.StringExact("Example.com")),
				querycheck.ExpectResourceKnownValues("synerise_managed_domain.found", byExampleCom, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("domain"), KnownValue: knownvalue.StringExact("Example.com")},
					{Path: tfjsonpath.New("verification_method"), KnownValue: knownvalue.StringExact(iam.DomainVerificationTXTRecord)},
					{Path: tfjsonpath.New("verified"), KnownValue: knownvalue.Bool(true)},
					{Path: tfjsonpath.New("timeouts"), KnownValue: knownvalue.Null()},
				}),
			},
		},
		tfresource.TestStep{
			Query:             true,
			Config:            listBlock("synerise_managed_domain", "  limit = 1"),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength("synerise_managed_domain.found", 1)},
		},
	))
}
