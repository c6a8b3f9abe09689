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
// (AcceptInvitation, ExpireInvitation, PublishDomainProof, Mails, RequestCounts, IDLists, Snapshot ...), or over
// HTTP, without a token, when the server runs on its own:
//
//	POST   /_mock/invitations/{id}/accept
//	POST   /_mock/invitations/{id}/expire
//	POST   /_mock/domains/{domain}/publish?method=TXT_RECORD[&after=30s]
//	GET    /_mock/counts            {"total": n, "routes": {"GET /uauth/roles/{roleId}": n},
//	                                 "idLists": {"DELETE /uauth/users/invitations/{invitationIds}": [{"at": t, "ids": n}]}}
//	DELETE /_mock/counts
//	GET    /_mock/snapshot
//	GET    /_mock/mails?to=someone@example.com
//	GET    /_mock/state             the workspace as a snapshot (below)
//	PUT    /_mock/state             replaces the workspace with the snapshot in the body (400 if refused)
//
// # Workspace snapshots
//
// LoadState starts the workspace from a snapshot (cmd/synerise-mock -seed), WriteState and GET
// /_mock/state write one in the same format (cmd/synerise-mock -dump), so a dump seeds the same
// workspace again. A snapshot is JSON of version 1; fields are named as the API names them:
//
//	{
//	  "version": 1,
//	  "tokenOwner": "admin@example.com",
//	  "roleGroups": [
//	    {"id": 1, "name": "Engineering", "description": "Builds the product", "roles": [
//	      {"id": 1, "name": "Developer", "description": "", "piiAccess": false,
//	       "permissions": {"analytics": ["read"]}}
//	    ]}
//	  ],
//	  "users": [
//	    {"id": 1, "email": "admin@example.com", "firstName": "Ada", "lastName": "Admin",
//	     "status": "ACTIVE", "roles": [1]},
//	    {"email": "new@example.com", "status": "PENDING", "roles": [1]}
//	  ],
//	  "settings": {"passwordPolicy": {"minLength": 12}, "ipPolicy": {"enabled": true, "ipPolicy": ["203.0.113.7"]}},
//	  "managedDomains": [{"domain": "example.com", "verificationMethod": "TXT_RECORD"}],
//	  "mfaRequired": true
//	}
//
// The snapshot is the whole workspace: what it leaves out is absent (no role groups, users or
// domains), except the settings objects (ban, templates, deviceControl, general, oauth,
// syneriseAuth, facebook, google, apple, ipPolicy, passwordPolicy), each decoded over its default as
// the API's POST of it is, and the token's owner: tokenOwner names the user the accepted token
// belongs to; without it that is admin@example.com, added (ACTIVE, no roles, password
// mock-password) when users lacks that address.
//
// Users are the members and the invitations, as the users listing shows both: status ACTIVE (the
// default), INACTIVE, or PENDING and EXPIRED for invitations; roles are role ids. A PENDING
// invitation is mailed anew (GET /_mock/mails gives its token). Optional user fields: createdAt and
// accessExpirationDate (ISO 8601), mfaType (TOTP_AUTHENTICATOR, EMAIL), password (default
// mock-password for members; an invitee with one has an account already), confirmed, and the profile
// fields of the API (avatar, phone, language, organizationRole, introduction, description,
// dateFormatNotation, timeFormatNotation, numberFormatNotation). Role permissions map a permission
// key of the mock's catalogue to the actions granted.
//
// Ids may be left out: each kind (role groups, roles, users) gets the next ids after the highest id
// given, in the snapshot's order. A snapshot is refused whole, with an error naming the place
// ("roleGroups[0]: roles[1] ("Developer"): permissions: unknown permission ..."), for an unknown
// field, a duplicate id or email, a user's role that does not exist, an unknown status, settings
// object or permission, or another version. Not in a snapshot: accounts that left the workspace, the
// outbox, request counters, published domain proofs and the MFA backup codes.
package mockserver
