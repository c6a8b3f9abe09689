package mockserver

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

type domainDoc struct {
	Domain             string `json:"domain"`
	VerificationMethod string `json:"verificationMethod"`
	Verified           bool   `json:"verified"`
	CreatedAt          string `json:"createdAt"`
}

func TestManagedDomainVerification(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	var code struct {
		VerificationCode string `json:"verificationCode"`
	}
	api.expect(http.MethodGet, "/uauth/managed-domains/initialize-code", nil, http.StatusOK, &code)
	if !strings.HasPrefix(code.VerificationCode, "synerise-domain-verification=") {
		t.Fatalf("code %q", code.VerificationCode)
	}
	var again struct {
		VerificationCode string `json:"verificationCode"`
	}
	api.expect(http.MethodGet, "/uauth/managed-domains/initialize-code", nil, http.StatusOK, &again)
	if again != code {
		t.Errorf("the code changed: %q, then %q", code.VerificationCode, again.VerificationCode)
	}

	verify := `{"domain":"example.com","verificationMethod":"TXT_RECORD"}`
	msg := api.expectError(http.MethodPost, "/uauth/managed-domains/verification", verify, http.StatusBadRequest)
	if want := "Verification of example.com failed: TXT record " + code.VerificationCode + " not found"; msg != want {
		t.Errorf("before the proof: %q, want %q", msg, want)
	}
	// A proof published for another method does not count.
	api.mock.PublishDomainProof("example.com", "FILE_CHECK")
	api.expectError(http.MethodPost, "/uauth/managed-domains/verification", verify, http.StatusBadRequest)

	api.mock.PublishDomainProof("example.com", "TXT_RECORD")
	var d domainDoc
	api.expect(http.MethodPost, "/uauth/managed-domains/verification", verify, http.StatusOK, &d)
	if d.Domain != "example.com" || d.VerificationMethod != "TXT_RECORD" || !d.Verified || d.CreatedAt == "" {
		t.Errorf("verified %+v", d)
	}
	api.expectError(http.MethodPost, "/uauth/managed-domains/verification", `{"domain":"EXAMPLE.com","verificationMethod":"TXT_RECORD"}`, http.StatusConflict)

	// A proof that is still propagating is found only later.
	api.mock.PublishDomainProofAfter("slow.example.org", "FILE_CHECK", 150*time.Millisecond)
	slow := `{"domain":"slow.example.org","verificationMethod":"FILE_CHECK"}`
	api.expectError(http.MethodPost, "/uauth/managed-domains/verification", slow, http.StatusBadRequest)
	time.Sleep(200 * time.Millisecond)
	api.expect(http.MethodPost, "/uauth/managed-domains/verification", slow, http.StatusOK, nil)

	// Over HTTP, as the demo publishes proofs.
	api.expect(http.MethodPost, controlPrefix+"domains/third.example.net/publish?method=TXT_RECORD", nil, http.StatusNoContent, nil)
	api.expect(http.MethodPost, "/uauth/managed-domains/verification", `{"domain":"third.example.net","verificationMethod":"TXT_RECORD"}`, http.StatusOK, nil)

	api.expectError(http.MethodPost, "/uauth/managed-domains/verification", `{"domain":"not a domain","verificationMethod":"TXT_RECORD"}`, http.StatusBadRequest)

	api.expect(http.MethodDelete, "/uauth/managed-domains", `{"domain":"example.com"}`, http.StatusNoContent, nil)
	if msg := api.expectError(http.MethodDelete, "/uauth/managed-domains", `{"domain":"example.com"}`, http.StatusNotFound); msg != "Managed domain example.com not found" {
		t.Errorf("deleting twice: %q", msg)
	}
	if got := api.mock.Snapshot().ManagedDomains; len(got) != 2 || got[0] != "slow.example.org" {
		t.Errorf("managed domains %v", got)
	}
}

func TestManagedDomainsListingPagesFromOne(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	for i := range 5 {
		domain := fmt.Sprintf("d%d.example.com", i)
		api.mock.PublishDomainProof(domain, "TXT_RECORD")
		api.expect(http.MethodPost, "/uauth/managed-domains/verification", map[string]string{"domain": domain, "verificationMethod": "TXT_RECORD"}, http.StatusOK, nil)
	}
	var seen []string
	for page, want := range map[int]int{1: 2, 2: 2, 3: 1} {
		var p pageDoc[domainDoc]
		api.expect(http.MethodGet, fmt.Sprintf("/uauth/managed-domains?page=%d&size=2", page), nil, http.StatusOK, &p)
		if len(p.Content) != want || p.Number != page || p.TotalElements != 5 || p.TotalPages != 3 || p.First != (page == 1) || p.Last != (page == 3) {
			t.Errorf("page %d: %+v", page, p)
		}
		for _, d := range p.Content {
			seen = append(seen, d.Domain)
		}
	}
	if len(seen) != 5 {
		t.Errorf("domains over the pages: %v", seen)
	}
	var first pageDoc[domainDoc]
	api.expect(http.MethodGet, "/uauth/managed-domains", nil, http.StatusOK, &first)
	if first.Number != 1 || first.Size != 20 || len(first.Content) != 5 {
		t.Errorf("default page: %+v", first)
	}
	if first.Content[0].Domain != "d0.example.com" || first.Content[4].Domain != "d4.example.com" {
		t.Errorf("order %+v", first.Content)
	}
	api.expectError(http.MethodGet, "/uauth/managed-domains?page=0&size=2", nil, http.StatusBadRequest)
}
