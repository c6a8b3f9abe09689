package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

const verifyRoute = "POST /uauth/managed-domains/verification"

func domainConfig(domain, method, timeout string) string {
	return fmt.Sprintf(`
data "synerise_domain_verification" "proof" {
  domain = %[1]q
}

resource "synerise_managed_domain" "this" {
  domain              = %[1]q
  verification_method = %[2]q
  timeouts {
    create = %[3]q
  }
}`, domain, method, timeout)
}

func TestAccManagedDomainResource_verifiedAtOnce(t *testing.T) {
	w := newTestWorkspace(t)
	w.mock.PublishDomainProof("example.com", "TXT_RECORD")
	config := w.config(domainConfig("example.com", "TXT_RECORD", "1m"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		CheckDestroy:             w.expectManagedDomains(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_managed_domain.this", tfjsonpath.New("verified"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("synerise_managed_domain.this", tfjsonpath.New("id"), knownvalue.StringExact("example.com")),
					statecheck.ExpectKnownValue("data.synerise_domain_verification.proof", tfjsonpath.New("txt_record_name"), knownvalue.StringExact("example.com")),
					statecheck.ExpectKnownValue("data.synerise_domain_verification.proof", tfjsonpath.New("txt_record_value"),
						knownvalue.StringRegexp(regexp.MustCompile(`^synerise-domain-verification=[0-9a-f]+$`))),
					statecheck.CompareValuePairs("data.synerise_domain_verification.proof", tfjsonpath.New("code"),
						"data.synerise_domain_verification.proof", tfjsonpath.New("txt_record_value"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.synerise_domain_verification.proof", tfjsonpath.New("file_url"),
						knownvalue.StringRegexp(regexp.MustCompile(`^https://example\.com/synerise-domain-verification=[0-9a-f]+\.html$`))),
				},
				Check: w.expectManagedDomains("example.com"),
			},
			// timeouts is configuration, not state of the API: an import cannot know it.
			{ResourceName: "synerise_managed_domain.this", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				// Removed outside Terraform: the next plan verifies it again.
				PreConfig: w.inTheApp(t, func(ctx context.Context) error { return w.client.DeleteManagedDomain(ctx, "example.com") }),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_managed_domain.this", plancheck.ResourceActionCreate)},
				},
				Check: w.expectManagedDomains("example.com"),
			},
		},
	})
}

func TestAccManagedDomainResource_verifiedOnceDNSPropagates(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The record becomes visible only after Synerise failed to see it once, as while DNS propagates.
				PreConfig: func() { w.mock.PublishDomainProofAfterMisses("example.org", "TXT_RECORD", 1) },
				Config:    w.config(domainConfig("example.org", "TXT_RECORD", "2m")),
				Check: func(*terraform.State) error {
					if attempts := w.mock.RequestCounts()[verifyRoute]; attempts < 2 {
						return fmt.Errorf("verification was attempted %d times; the retry path did not run", attempts)
					}
					return w.expectManagedDomains("example.org")(nil)
				},
			},
		},
	})
}

func TestAccManagedDomainResource_timeoutSaysWhatToPublish(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(domainConfig("example.net", "TXT_RECORD", "3s")),
				ExpectError: wrappedError(`did not succeed within 3s(?s).*Publish a TXT record on example.net with the value "synerise-domain-verification=[0-9a-f]+"`),
			},
			{
				Config:      w.config(domainConfig("example.net", "FILE_CHECK", "2s")),
				ExpectError: wrappedError(`Publish a file at https://example.net/synerise-domain-verification=[0-9a-f]+\.html`),
			},
		},
	})
	if err := w.expectManagedDomains()(nil); err != nil {
		t.Error(err)
	}
}

func TestAccManagedDomainResource_invalidInput(t *testing.T) {
	w := newTestWorkspace(t)
	steps := []resource.TestStep{}
	for _, bad := range []string{"https://example.com", "example", "exa mple.com", "example.com."} {
		steps = append(steps, resource.TestStep{
			Config:      w.config(fmt.Sprintf("resource \"synerise_managed_domain\" \"x\" {\n  domain = %q\n}", bad)),
			ExpectError: wrappedError(`must be a domain name such as example.com`),
		})
	}
	steps = append(steps, resource.TestStep{
		Config:      w.config("resource \"synerise_managed_domain\" \"x\" {\n  domain = \"example.com\"\n  verification_method = \"INTERNAL\"\n}"),
		ExpectError: wrappedError(`value must be one of: \["TXT_RECORD" "FILE_CHECK"\]`),
	})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProtoV6ProviderFactories, Steps: steps})
}

func (w *testWorkspace) expectManagedDomains(want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := w.mock.Snapshot().ManagedDomains
		if !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
			return fmt.Errorf("the workspace manages %v, want %v", got, want)
		}
		return nil
	}
}

// Should the verification fail in a way that says nothing about the proof (500, 502), the provider
// keeps verifying within the create timeout, as it does while the proof is not visible.
func TestAccManagedDomainResource_verificationFailsTransiently(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Without: []mockserver.Assumption{mockserver.DefiniteVerification}})
	w.mock.PublishDomainProof("example.com", "TXT_RECORD")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.config(domainConfig("example.com", "TXT_RECORD", "2m")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_managed_domain.this", tfjsonpath.New("verified"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					if attempts := w.mock.RequestCounts()[verifyRoute]; attempts < 3 {
						return fmt.Errorf("verification was attempted %d times; the 500 and the 502 were not waited out", attempts)
					}
					return w.expectManagedDomains("example.com")(nil)
				},
			},
		},
	})
}

func TestVerificationMaySucceedLater(t *testing.T) {
	t.Parallel()
	for err, want := range map[error]bool{
		&iam.Error{StatusCode: http.StatusBadRequest}:          true,
		&iam.Error{StatusCode: http.StatusUnprocessableEntity}: true,
		&iam.Error{StatusCode: http.StatusInternalServerError}: true,
		&iam.Error{StatusCode: http.StatusBadGateway}:          true,
		&iam.TimeoutError{Timeout: time.Minute, Attempts: 6}:   true,
		&iam.Error{StatusCode: http.StatusUnauthorized}:        false,
		&iam.Error{StatusCode: http.StatusForbidden}:           false,
		&iam.Error{StatusCode: http.StatusNotFound}:            false,
		&iam.Error{StatusCode: http.StatusConflict}:            false,
		errors.New("tls: failed to verify certificate"):        false,
	} {
		if got := verificationMaySucceedLater(fmt.Errorf("verifying: %w", err)); got != want {
			t.Errorf("%v: %t, want %t", err, got, want)
		}
	}
}
