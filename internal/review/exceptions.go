package review

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Exceptions are the unmanaged access a team accepts, each entry with its reason: the members,
// roles and role groups that the report of unmanaged access leaves out.
type Exceptions struct {
	Members    []MemberException    `json:"members"`
	Roles      []RoleException      `json:"roles"`
	RoleGroups []RoleGroupException `json:"role_groups"`
}

// MemberException accepts the member of an email address, compared without regard to case.
type MemberException struct {
	Email  string `json:"email"`
	Reason string `json:"reason"`
}

// RoleException accepts a role by name, in any group unless Group names one, or by id.
type RoleException struct {
	Name   string `json:"name,omitempty"`
	Group  string `json:"group,omitempty"`
	ID     int64  `json:"id,omitempty"`
	Reason string `json:"reason"`
}

// RoleGroupException accepts a role group by name or by id.
type RoleGroupException struct {
	Name   string `json:"name,omitempty"`
	ID     int64  `json:"id,omitempty"`
	Reason string `json:"reason"`
}

func (e MemberException) matches(m WorkspaceMember) bool { return strings.EqualFold(e.Email, m.Email) }
func (e MemberException) reason() string                 { return e.Reason }

func (e RoleException) matches(r WorkspaceRole) bool {
	if e.ID != 0 {
		return e.ID == r.ID
	}
	return e.Name == r.Name && (e.Group == "" || e.Group == r.Group)
}
func (e RoleException) reason() string { return e.Reason }

func (e RoleGroupException) matches(g WorkspaceRoleGroup) bool {
	if e.ID != 0 {
		return e.ID == g.ID
	}
	return e.Name == g.Name
}
func (e RoleGroupException) reason() string { return e.Reason }

// exceptionsExample is what an error about the exceptions file shows as the expected shape.
const exceptionsExample = `{"members": [{"email": "...", "reason": "..."}], "roles": [{"name": "...", "group": "...", "reason": "..."}], ` +
	`"role_groups": [{"name": "...", "reason": "..."}]}`

// ReadExceptions decodes an exceptions file. It refuses unknown keys, naming the keys a place takes,
// and entries without a reason or without what identifies the member, role or group.
func ReadExceptions(r io.Reader) (Exceptions, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return Exceptions{}, fmt.Errorf("cannot read the exceptions: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return Exceptions{}, errors.New("the exceptions file is empty; want a JSON object such as " + exceptionsExample)
	}
	var sections struct {
		Members    []json.RawMessage `json:"members"`
		Roles      []json.RawMessage `json:"roles"`
		RoleGroups []json.RawMessage `json:"role_groups"`
	}
	if err := decodeStrictly(raw, &sections, "the exceptions file", Exceptions{}); err != nil {
		return Exceptions{}, err
	}
	var e Exceptions
	errs := []error{
		decodeEntries(sections.Members, "members", &e.Members, MemberException.check),
		decodeEntries(sections.Roles, "roles", &e.Roles, RoleException.check),
		decodeEntries(sections.RoleGroups, "role_groups", &e.RoleGroups, RoleGroupException.check),
	}
	if err := errors.Join(errs...); err != nil {
		return Exceptions{}, err
	}
	return e, nil
}

// decodeEntries decodes the entries of one section into out, each on its own so that an error names it.
func decodeEntries[E any](raws []json.RawMessage, section string, out *[]E, check func(E) error) error {
	var errs []error
	for i, raw := range raws {
		where := fmt.Sprintf("%s[%d]", section, i)
		var entry E
		if err := decodeStrictly(raw, &entry, where, entry); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := check(entry); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
			continue
		}
		*out = append(*out, entry)
	}
	return errors.Join(errs...)
}

// decodeStrictly decodes one JSON value into v, refusing keys that keysOf, a struct, does not have.
func decodeStrictly(raw []byte, v any, where string, keysOf any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	if err == nil {
		return nil
	}
	if key, ok := unknownKey(err); ok {
		return fmt.Errorf("%s: unknown key %q; the keys here are %s", where, key, strings.Join(jsonKeys(keysOf), ", "))
	}
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Errorf("%s is not JSON (%w); want a JSON object such as %s", where, err, exceptionsExample)
	}
	return fmt.Errorf("%s: %w; want a JSON object such as %s", where, err, exceptionsExample)
}

// unknownKey is the key that a decoder with DisallowUnknownFields refused; encoding/json reports it
// only in the error's text.
func unknownKey(err error) (string, bool) {
	quoted, found := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !found {
		return "", false
	}
	key, err := strconv.Unquote(quoted)
	return key, err == nil
}

// jsonKeys are the JSON keys of the struct v, as its tags name them.
func jsonKeys(v any) []string {
	t := reflect.TypeOf(v)
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	return keys
}

func requireReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return errors.New(`"reason" is empty: say why this access is accepted, for whoever reads the report next`)
	}
	return nil
}

func (e MemberException) check() error {
	if strings.TrimSpace(e.Email) == "" {
		return errors.New(`"email" is empty: a member exception names the member by email address`)
	}
	return requireReason(e.Reason)
}

func (e RoleException) check() error {
	switch {
	case e.Name == "" && e.ID == 0:
		return errors.New(`a role exception names the role by "name" (and "group", to accept it in one group only) or by "id"`)
	case e.Name != "" && e.ID != 0:
		return errors.New(`a role exception names the role by "name" or by "id", not both`)
	case e.Group != "" && e.Name == "":
		return errors.New(`"group" narrows a "name"; a role named by "id" needs no group`)
	}
	return requireReason(e.Reason)
}

func (e RoleGroupException) check() error {
	switch {
	case e.Name == "" && e.ID == 0:
		return errors.New(`a role group exception names the group by "name" or by "id"`)
	case e.Name != "" && e.ID != 0:
		return errors.New(`a role group exception names the group by "name" or by "id", not both`)
	}
	return requireReason(e.Reason)
}

// describe says what an exception names, for the report's list of stale exceptions.
func (e MemberException) describe() string { return e.Email }

func (e RoleException) describe() string {
	switch {
	case e.ID != 0:
		return "id " + strconv.FormatInt(e.ID, 10)
	case e.Group != "":
		return e.Name + " in " + e.Group
	default:
		return e.Name + " in any group"
	}
}

func (e RoleGroupException) describe() string {
	if e.ID != 0 {
		return "id " + strconv.FormatInt(e.ID, 10)
	}
	return e.Name
}

func (e *Exceptions) sort() {
	slices.SortFunc(e.Members, func(a, b MemberException) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), strings.Compare(a.Reason, b.Reason))
	})
	slices.SortFunc(e.Roles, func(a, b RoleException) int {
		return cmp.Or(strings.Compare(a.Group, b.Group), strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID),
			strings.Compare(a.Reason, b.Reason))
	})
	slices.SortFunc(e.RoleGroups, func(a, b RoleGroupException) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID), strings.Compare(a.Reason, b.Reason))
	})
}
