package mockserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// StateVersion is the version of the workspace snapshot format that LoadState reads and WriteState
// writes. A change that an older mock would misread gets a new version.
const StateVersion = 1

// workspaceState is a workspace snapshot: what a seed file holds and what a dump writes. Its fields
// are named as the API names them where the API has the field; see doc.go for the format.
type workspaceState struct {
	Version int `json:"version"`
	// TokenOwner is the email of the user the accepted token belongs to (my-account).
	TokenOwner     string                `json:"tokenOwner,omitempty"`
	RoleGroups     elements[stateGroup]  `json:"roleGroups"`
	Users          elements[stateUser]   `json:"users"`
	Settings       map[string]any        `json:"settings"`
	ManagedDomains elements[stateDomain] `json:"managedDomains"`
	MFARequired    bool                  `json:"mfaRequired"`
}

// seedState is a workspaceState as a seed is read: each settings object is decoded later, over its
// defaults, by the object that knows its fields.
type seedState struct {
	workspaceState
	Settings map[string]json.RawMessage `json:"settings"`
}

type stateGroup struct {
	ID          int64               `json:"id,omitempty"`
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Roles       elements[stateRole] `json:"roles"`
}

func (stateGroup) label() string { return "roleGroups" }

type stateRole struct {
	ID          int64  `json:"id,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description"`
	PIIAccess   bool   `json:"piiAccess"`
	// Permissions maps a permission key of the catalogue to the actions of it granted to the role.
	Permissions map[string][]string `json:"permissions"`
}

func (stateRole) label() string { return "roles" }

// stateUser is a member of the workspace, or an invitation (status PENDING or EXPIRED), as the
// users listing shows both; Roles are role ids, as an invitation sends them.
type stateUser struct {
	ID                   int64   `json:"id,omitempty"`
	Email                string  `json:"email"`
	FirstName            string  `json:"firstName"`
	LastName             string  `json:"lastName"`
	Status               string  `json:"status,omitempty"`
	Roles                []int64 `json:"roles"`
	AccessExpirationDate *string `json:"accessExpirationDate,omitempty"`
	// MFAType is the multi-factor authentication the user has set up (TOTP_AUTHENTICATOR, EMAIL).
	MFAType   *string `json:"mfaType,omitempty"`
	CreatedAt string  `json:"createdAt,omitempty"`
	// Password is the password of a user with an account; invitees have none unless one is given.
	Password             *string `json:"password,omitempty"`
	Confirmed            *bool   `json:"confirmed,omitempty"`
	Avatar               *string `json:"avatar,omitempty"`
	Phone                *string `json:"phone,omitempty"`
	Language             *string `json:"language,omitempty"`
	OrganizationRole     *string `json:"organizationRole,omitempty"`
	Introduction         *string `json:"introduction,omitempty"`
	Description          *string `json:"description,omitempty"`
	DateFormatNotation   *string `json:"dateFormatNotation,omitempty"`
	TimeFormatNotation   *string `json:"timeFormatNotation,omitempty"`
	NumberFormatNotation *string `json:"numberFormatNotation,omitempty"`
}

func (stateUser) label() string { return "users" }

type stateDomain struct {
	Domain             string `json:"domain"`
	VerificationMethod string `json:"verificationMethod"`
	CreatedAt          string `json:"createdAt,omitempty"`
}

func (stateDomain) label() string { return "managedDomains" }

// elements is a list in a snapshot whose items are decoded strictly, one by one, so that an error
// names where it is ("roleGroups[1]: roles[0]: unknown field ...").
type elements[T interface{ label() string }] []T

func (l *elements[T]) UnmarshalJSON(b []byte) error {
	var zero T
	var raws []json.RawMessage
	if err := json.Unmarshal(b, &raws); err != nil {
		return fmt.Errorf("%s: want a list: %w", zero.label(), err)
	}
	*l = make(elements[T], len(raws))
	for i, raw := range raws {
		if err := decodeStrict(raw, &(*l)[i]); err != nil {
			return fmt.Errorf("%s[%d]: %w", zero.label(), i, err)
		}
	}
	return nil
}

// decodeStrict decodes one JSON value into v, refusing fields v does not have: a typo in a seed
// must not silently vanish.
func decodeStrict(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}
