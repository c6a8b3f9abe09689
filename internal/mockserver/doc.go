// Package mockserver is a stateful, in-memory stand-in for the Synerise Identity and Access Management
// REST API. Acceptance tests run it in process (httptest.NewServer(mockserver.New(...))); the demo
// runs it on its own (cmd/synerise-mock).
//
// It serves every endpoint of the API reference's index, checks every request against the project's
// OpenAPI description (package api: parameters, body fields, types, required fields, enums; 400 with
// the validator's message) and requires the bearer token wherever the description does. Errors are
// Spring Boot error documents; an unknown route is a 404 "No endpoint GET /path", a missing object a
// 404 naming it ("Role 42 not found").
//
// A new Server holds what a new workspace has:
//   - role groups 1 "Administrators" (roles 1 "Admin" and 2 "Owner") and 2 "Default" (roles
//     3 "Marketer" and 4 "Analyst"); Admin and Owner are granted every permission, no role has PII access;
//   - user 1, admin@example.com (password mock-password), ACTIVE with the role Admin: the owner of the
//     token (my-account), whose token stops working if the account is deleted;
//   - one workspace (business profile) and every settings object at its documented default.
//
// Its answers are as rich as the API description assumes where the reference is silent. Two options
// take that back, so that tests show the provider needs no more than the reference promises:
// Options.SparseAnswers answers the 23 operations whose success the reference gives no JSON body
// (x-sparse in the description) with no body at all, and Options.Without answers against chosen
// assumptions about other answers (see Assumption).
//
// Ids grow per kind and are never reused. Tokens the API emails (invitation, confirmation, password
// reset) are kept in an outbox.
//
// Tests steer what the API leaves to people and the outside world with the control methods
// (AcceptInvitation, ExpireInvitation, PublishDomainProof, Mails, RequestCounts, Snapshot ...), or over
// HTTP, without a token, when the server runs on its own:
//
//	POST   /_mock/invitations/{id}/accept
//	POST   /_mock/invitations/{id}/expire
//	POST   /_mock/domains/{domain}/publish?method=TXT_RECORD[&after=30s]
//	GET    /_mock/counts            {"total": n, "routes": {"GET /uauth/roles/{roleId}": n}}
//	DELETE /_mock/counts
//	GET    /_mock/snapshot
//	GET    /_mock/mails?to=someone@example.com
package mockserver
