package iam

import (
	"context"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func domainQuery(page string) url.Values {
	return url.Values{"page": {page}, "size": {"100"}}
}

func TestListManagedDomainsStartsAtPageOne(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/managed-domains", query: domainQuery("1"), answer: `{"content": [
			{"domain": "example.com", "verificationMethod": "TXT_RECORD", "verified": true, "createdAt": "2026-11-25T10:00:00Z", "extra": 1},
			{"domain": "example.org", "verificationMethod": "FILE_CHECK", "verified": true, "createdAt": "2026-11-25T11:00:00Z"}
		], "totalElements": 3, "totalPages": 2, "number": 1, "size": 100, "first": true, "last": false}`},
		exchange{method: "GET", path: "/uauth/managed-domains", query: domainQuery("2"), answer: `{"content": [
			{"domain": "example.net", "verificationMethod": "TXT_RECORD", "verified": true, "createdAt": "2026-11-25T12:00:00Z"}
		], "totalElements": 3, "totalPages": 2, "number": 2, "size": 100, "first": false, "last": true}`},
	)
	got, err := c.ListManagedDomains(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []ManagedDomain{
		{Domain: "example.com", VerificationMethod: "TXT_RECORD", Verified: true, CreatedAt: "2026-11-25T10:00:00Z"},
		{Domain: "example.org", VerificationMethod: "FILE_CHECK", Verified: true, CreatedAt: "2026-11-25T11:00:00Z"},
		{Domain: "example.net", VerificationMethod: "TXT_RECORD", Verified: true, CreatedAt: "2026-11-25T12:00:00Z"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("domains =\n%+v\nwant\n%+v", got, want)
	}
}

func TestListManagedDomainsRejectsARepeatingServer(t *testing.T) {
	t.Parallel()
	page := `{"content": [{"domain": "example.com"}], "number": 1, "last": false}`
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/managed-domains", query: domainQuery("1"), answer: page},
		exchange{method: "GET", path: "/uauth/managed-domains", query: domainQuery("2"), answer: page},
	)
	if _, err := c.ListManagedDomains(context.Background()); err == nil || !strings.Contains(err.Error(), "page 2 holds only items of earlier pages") {
		t.Errorf("error = %v", err)
	}
}

func TestGetManagedDomain(t *testing.T) {
	t.Parallel()
	listing := exchange{method: "GET", path: "/uauth/managed-domains", query: domainQuery("1"),
		answer: `{"content": [{"domain": "Example.com", "verificationMethod": "TXT_RECORD", "verified": true}], "totalElements": 1, "totalPages": 1, "last": true}`}
	c := scriptedClient(t, listing, listing)
	ctx := context.Background()
	got, err := c.GetManagedDomain(ctx, "example.COM")
	if err != nil || got.Domain != "Example.com" {
		t.Fatalf("GetManagedDomain = %+v, %v", got, err)
	}
	_, err = c.GetManagedDomain(ctx, "missing.example")
	if !IsNotFound(err) || !strings.Contains(err.Error(), `managed domain "missing.example" is not in the listing`) {
		t.Errorf("error = %v", err)
	}
}

func TestDomainVerificationCode(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/managed-domains/initialize-code", answer: `{"verificationCode": "synerise-domain-verification=abc123", "other": 1}`},
		exchange{method: "GET", path: "/uauth/managed-domains/initialize-code", answer: `{}`},
		exchange{method: "GET", path: "/uauth/managed-domains/initialize-code", answer: `synerise-domain-verification=abc123`, contentType: "text/plain"},
	)
	ctx := context.Background()
	code, err := c.DomainVerificationCode(ctx)
	if err != nil || code != "synerise-domain-verification=abc123" {
		t.Fatalf("code = %q, %v", code, err)
	}
	if _, err := c.DomainVerificationCode(ctx); !errors.Is(err, ErrNoVerificationCode) ||
		!strings.Contains(err.Error(), "GET /uauth/managed-domains/initialize-code answered 200 without the field verificationCode; the answer was {}") {
		t.Errorf("empty answer: %v", err)
	}
	if _, err := c.DomainVerificationCode(ctx); !errors.Is(err, ErrNoVerificationCode) || !strings.Contains(err.Error(), "not the expected JSON") {
		t.Errorf("plain-text answer: %v", err)
	}
}

func TestVerifyManagedDomain(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "POST", path: "/uauth/managed-domains/verification", body: `{"domain": "example.com", "verificationMethod": "TXT_RECORD"}`,
			answer: `{"domain": "example.com", "verificationMethod": "TXT_RECORD", "verified": true, "createdAt": "2026-11-25T10:00:00Z"}`},
		exchange{method: "POST", path: "/uauth/managed-domains/verification", body: `{"domain": "example.org", "verificationMethod": "FILE_CHECK"}`,
			status: 400, answer: `{"status":400,"error":"Bad Request","message":"Verification of example.org failed: file not found"}`},
		// The reference lets the success be a 201 with no body, or with another one: the domain is read separately.
		exchange{method: "POST", path: "/uauth/managed-domains/verification", body: `{"domain": "example.net", "verificationMethod": "TXT_RECORD"}`,
			status: 201, contentType: "*/*"},
		exchange{method: "POST", path: "/uauth/managed-domains/verification", body: `{"domain": "example.net", "verificationMethod": "TXT_RECORD"}`,
			answer: `{"result": "verified"}`},
	)
	ctx := context.Background()
	got, err := c.VerifyManagedDomain(ctx, "example.com", DomainVerificationTXTRecord)
	if err != nil || *got != (ManagedDomain{Domain: "example.com", VerificationMethod: "TXT_RECORD", Verified: true, CreatedAt: "2026-11-25T10:00:00Z"}) {
		t.Fatalf("VerifyManagedDomain = %+v, %v", got, err)
	}
	if _, err := c.VerifyManagedDomain(ctx, "example.org", DomainVerificationFileCheck); err == nil || !strings.Contains(err.Error(), "Verification of example.org failed") {
		t.Errorf("error = %v", err)
	}
	for range 2 {
		if got, err := c.VerifyManagedDomain(ctx, "example.net", DomainVerificationTXTRecord); got != nil || err != nil {
			t.Errorf("VerifyManagedDomain = %+v, %v; want neither a domain nor an error", got, err)
		}
	}
}

func TestDeleteManagedDomain(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "DELETE", path: "/uauth/managed-domains", body: `{"domain": "example.com"}`, status: 204},
		exchange{method: "DELETE", path: "/uauth/managed-domains", body: `{"domain": "gone.example"}`, status: 404,
			answer: `{"status":404,"error":"Not Found","message":"Managed domain gone.example not found"}`},
	)
	ctx := context.Background()
	if err := c.DeleteManagedDomain(ctx, "example.com"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteManagedDomain(ctx, "gone.example"); !IsNotFound(err) || !strings.Contains(err.Error(), "gone.example not found") {
		t.Errorf("error = %v", err)
	}
}
