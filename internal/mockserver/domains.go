package mockserver

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

func (s *Server) domainRoutes() []route {
	return []route{
		{"GET /uauth/managed-domains", s.listDomains},
		{"DELETE /uauth/managed-domains", s.deleteDomain},
		{"GET /uauth/managed-domains/initialize-code", s.initializeDomainCode},
		{"POST /uauth/managed-domains/verification", s.verifyDomain},
	}
}

type managedDomainJSON struct {
	Domain             string `json:"domain"`
	VerificationMethod string `json:"verificationMethod"`
	Verified           bool   `json:"verified"`
	CreatedAt          string `json:"createdAt"`
}

type domainRequest struct {
	Domain string `json:"domain"`
}

type domainVerificationRequest struct {
	Domain             string `json:"domain"`
	VerificationMethod string `json:"verificationMethod"`
}

type verificationCodeJSON struct {
	VerificationCode string `json:"verificationCode"`
}

// Paging defaults of the managed-domain listing, whose pages count from 1.
const (
	firstDomainPage    = 1
	defaultDomainsSize = 20
)

func (d *managedDomain) toJSON() managedDomainJSON {
	return managedDomainJSON{Domain: d.domain, VerificationMethod: d.method, Verified: true, CreatedAt: formatTime(d.createdAt)}
}

func (s *Server) listDomains(r *http.Request) (reply, error) {
	page, err := queryInt(r, "page", firstDomainPage)
	if err != nil {
		return reply{}, err
	}
	size, err := queryInt(r, "size", defaultDomainsSize)
	if err != nil {
		return reply{}, err
	}
	if page < firstDomainPage {
		return reply{}, badRequest("page must be %d or more, got %d", firstDomainPage, page)
	}
	if size < 1 {
		return reply{}, badRequest("size must be 1 or more, got %d", size)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := make([]managedDomainJSON, 0, len(s.st.domains))
	for _, d := range s.st.domains {
		all = append(all, d.toJSON())
	}
	return ok(paginate(all, page, size, firstDomainPage)), nil
}

func (s *Server) deleteDomain(r *http.Request) (reply, error) {
	return withBody(s, r, func(st *store, in domainRequest) (reply, error) {
		i := st.domainIndex(in.Domain)
		if i < 0 {
			return reply{}, notFound("Managed domain %s not found", in.Domain)
		}
		st.domains = slices.Delete(st.domains, i, i+1)
		return noContent, nil
	})
}

func (s *Server) initializeDomainCode(*http.Request) (reply, error) {
	if !s.assumes(VerificationCodeField) {
		return ok(map[string]string{"code": verificationCode}), nil
	}
	return ok(verificationCodeJSON{VerificationCode: verificationCode}), nil
}

// hostname is a DNS name of at least two labels.
var hostname = regexp.MustCompile(`^(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// verifyDomain manages the domain once the verification code is published the requested way; until
// then it fails as the API does when DNS has not propagated yet.
func (s *Server) verifyDomain(r *http.Request) (reply, error) {
	var in domainVerificationRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	if !hostname.MatchString(in.Domain) {
		return reply{}, badRequest("Invalid domain name %q", in.Domain)
	}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.verifications++; !s.assumes(DefiniteVerification) {
		switch s.verifications {
		case 1:
			return reply{}, newAPIError(http.StatusInternalServerError, "Verification of %s failed: internal error", in.Domain)
		case 2:
			return reply{}, newAPIError(http.StatusBadGateway, "Bad gateway")
		}
	}
	if s.st.domainIndex(in.Domain) >= 0 {
		return reply{}, conflict("Domain %s is already managed", in.Domain)
	}
	proof, published := s.st.proofs[strings.ToLower(in.Domain)]
	if published && proof.misses > 0 {
		proof.misses--
		s.st.proofs[strings.ToLower(in.Domain)] = proof
		published = false
	}
	if !published || proof.method != in.VerificationMethod || now.Before(proof.from) {
		return reply{}, badRequest("Verification of %s failed: %s not found", in.Domain, proofDescription(in.VerificationMethod))
	}
	d := &managedDomain{domain: in.Domain, method: in.VerificationMethod, createdAt: now.UTC().Truncate(time.Second)}
	s.st.domains = append(s.st.domains, d)
	return ok(d.toJSON()), nil
}

// proofDescription names what a verification method looks for.
func proofDescription(method string) string {
	switch method {
	case "TXT_RECORD":
		return "TXT record " + verificationCode
	case "FILE_CHECK":
		return "file " + verificationCode + ".html"
	default:
		return "proof of method " + method
	}
}

// domainIndex finds a managed domain; names compare case-insensitively.
func (st *store) domainIndex(domain string) int {
	return slices.IndexFunc(st.domains, func(d *managedDomain) bool { return strings.EqualFold(d.domain, domain) })
}
