package mockserver

import (
	"fmt"
	"slices"
)

// Assumption is a choice of api/openapi.yaml about an answer that the reference leaves open. The mock
// answers as every assumption says, unless Options.Without names it: then it answers otherwise, as a
// real workspace may, so that a test can show the provider copes without the assumption.
type Assumption string

const (
	// RolesInGroupListings: the role-group listing, and the group operations and the role delete that
	// answer with every group, list each group's roles. Without it the groups carry no roles key.
	RolesInGroupListings Assumption = "role groups are listed with their roles"
	// InvitedUserInAnswer: an invite answers with the invited, PENDING user. Without it the answer is
	// 200 with no body.
	InvitedUserInAnswer Assumption = "an invite answers with the invited user"
	// InvitedUsersInAnswer: a bulk invite answers with the invited users. Without it the answer is 200
	// with no body.
	InvitedUsersInAnswer Assumption = "a bulk invite answers with the invited users"
	// BulkInviteAnswersAList: a bulk invite answers with a JSON array of the users, in request order.
	// Without it the users come wrapped in an object, {"invited": [...]}.
	BulkInviteAnswersAList Assumption = "a bulk invite answers with a list of users"
	// DefiniteVerification: a domain verification answers success, or a 4xx that says why not. Without
	// it the server's first verification request answers 500 and its second 502, both before the
	// verification is processed, as an overloaded service may; later ones answer as usual.
	DefiniteVerification Assumption = "a domain verification answers success or a 4xx"
	// VerificationCodeField: initialize-code answers {"verificationCode": ...}. Without it the code
	// comes in another field, {"code": ...}.
	VerificationCodeField Assumption = "initialize-code answers with a verificationCode field"
	// ExpiredIsAnUnacceptedInvitation: a user is EXPIRED when their invitation was not accepted in time;
	// a member whose access time (access-time) has passed keeps their status. Without it such a member
	// reads as EXPIRED, the other reading of a status the reference does not explain; they stay a member
	// who accepted all the same (the invitation's update and delete do not find them, and moving the
	// access time into the future gives them their status back).
	ExpiredIsAnUnacceptedInvitation Assumption = "EXPIRED is an invitation that was not accepted in time"
)

var knownAssumptions = []Assumption{
	RolesInGroupListings, InvitedUserInAnswer, InvitedUsersInAnswer, BulkInviteAnswersAList,
	DefiniteVerification, VerificationCodeField, ExpiredIsAnUnacceptedInvitation,
}

// newContradictions panics on an unknown assumption, a defect of the test that names it.
func newContradictions(without []Assumption) map[Assumption]bool {
	contradicted := map[Assumption]bool{}
	for _, a := range without {
		if !slices.Contains(knownAssumptions, a) {
			panic(fmt.Sprintf("mockserver: Options.Without names the unknown assumption %q", a))
		}
		contradicted[a] = true
	}
	return contradicted
}

// assumes reports whether the mock answers as assumption a says.
func (s *Server) assumes(a Assumption) bool {
	return !s.contradicted[a]
}
