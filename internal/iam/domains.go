package iam

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Verification methods of a managed domain.
const (
	// DomainVerificationTXTRecord proves ownership with a DNS TXT record holding the verification code.
	DomainVerificationTXTRecord = "TXT_RECORD"
	// DomainVerificationFileCheck proves ownership with an HTML file named after the verification code.
	DomainVerificationFileCheck = "FILE_CHECK"
)

// DomainPageSize is how many managed domains ListManagedDomains asks for per page.
const DomainPageSize = 100

// ManagedDomain is a domain whose users the workspace manages.
type ManagedDomain struct {
	Domain string `json:"domain"`
	// VerificationMethod is TXT_RECORD, FILE_CHECK, INTERNAL or NONE.
	VerificationMethod string `json:"verificationMethod"`
	Verified           bool   `json:"verified"`
	// CreatedAt is kept as the API writes it (RFC 3339).
	CreatedAt string `json:"createdAt"`
}

// managedDomainRequest is the body of DELETE /uauth/managed-domains.
type managedDomainRequest struct {
	Domain string `json:"domain"`
}

// domainVerificationRequest is the body of POST /uauth/managed-domains/verification.
type domainVerificationRequest struct {
	Domain             string `json:"domain"`
	VerificationMethod string `json:"verificationMethod"`
}

// domainVerificationCode is the answer of GET /uauth/managed-domains/initialize-code.
type domainVerificationCode struct {
	VerificationCode string `json:"verificationCode"`
}

const managedDomainsPath = "/uauth/managed-domains"

// ListManagedDomains reads every page of the workspace's managed domains; the API numbers pages from 1.
func (c *Client) ListManagedDomains(ctx context.Context) ([]ManagedDomain, error) {
	return readAll(ctx, c, listing[ManagedDomain, string]{
		path:      managedDomainsPath,
		firstPage: 1,
		size:      DomainPageSize,
		maxPages:  maxListingPages,
		key:       func(d ManagedDomain) string { return strings.ToLower(d.Domain) },
	})
}

// GetManagedDomain finds one domain in the listing, the only way the API offers to read one. Domain names
// compare case-insensitively. A domain that is not managed is an *Error with status 404, so IsNotFound holds.
func (c *Client) GetManagedDomain(ctx context.Context, domain string) (*ManagedDomain, error) {
	domains, err := c.ListManagedDomains(ctx)
	if err != nil {
		return nil, err
	}
	return findManagedDomain(domains, domain)
}

// ErrNoVerificationCode is in the error of DomainVerificationCode when the API's answer holds no
// verification string where the project assumes it (the field verificationCode).
var ErrNoVerificationCode = errors.New("the verification string cannot be read from the API")

// DomainVerificationCode returns the code to publish for VerifyManagedDomain; it is the same for the workspace for ever.
func (c *Client) DomainVerificationCode(ctx context.Context) (string, error) {
	const path = managedDomainsPath + "/initialize-code"
	a, err := c.exchange(ctx, request{method: http.MethodGet, path: path, idempotent: true})
	if err != nil {
		return "", err
	}
	var out domainVerificationCode
	if err := a.decode(&out); err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoVerificationCode, err)
	}
	if out.VerificationCode == "" {
		return "", fmt.Errorf("%w: GET %s answered %d without the field verificationCode; the answer was %s",
			ErrNoVerificationCode, path, a.status, excerpt(a.body))
	}
	return out.VerificationCode, nil
}

// VerifyManagedDomain asks the API to check the published verification code and, when found, to manage
// the domain. Verifying twice is harmless, so the POST is retried. A missing proof is a 400 whose message
// says what was not found; a domain managed already is a 409. The reference lets a success answer 201
// with no body: the domain is nil then, and GetManagedDomain reads it.
func (c *Client) VerifyManagedDomain(ctx context.Context, domain, method string) (*ManagedDomain, error) {
	var out ManagedDomain
	body := domainVerificationRequest{Domain: domain, VerificationMethod: method}
	err := c.do(ctx, request{method: http.MethodPost, path: managedDomainsPath + "/verification", body: body, idempotent: true}, &out)
	switch {
	case processedUnusably(err) || (err == nil && !strings.EqualFold(out.Domain, domain)):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &out, nil
}

// DeleteManagedDomain stops managing a domain; the API takes the domain in a JSON body of the DELETE.
func (c *Client) DeleteManagedDomain(ctx context.Context, domain string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: managedDomainsPath, body: managedDomainRequest{Domain: domain}, idempotent: true}, nil)
}
