package permissions

import (
	"slices"
	"strings"
	"testing"
)

// The permissions table against the reference: every operation of the API description that names a
// permission is used by some type, or listed as deliberately unused with a reason, never both.
func TestEveryOperationThatNamesAPermissionIsCovered(t *testing.T) {
	used := map[string]bool{}
	for _, typ := range types {
		for _, u := range typ.Uses {
			for _, id := range u.Operations {
				used[id] = true
			}
		}
	}
	for _, op := range operations {
		reason, unused := deliberatelyUnused[op.ID]
		switch {
		case len(op.Permissions) == 0:
			continue
		case used[op.ID] && unused:
			t.Errorf("%s (%s %s) is used, yet listed as deliberately unused", op.ID, op.Method, op.Path)
		case !used[op.ID] && !unused:
			t.Errorf("%s (%s %s) needs %q, and no type uses it: add it to the steps that send it, or to deliberatelyUnused with the reason",
				op.ID, op.Method, op.Path, op.Permission())
		case unused && strings.TrimSpace(reason) == "":
			t.Errorf("%s is deliberately unused without a reason", op.ID)
		}
	}
	for id := range deliberatelyUnused {
		if op, ok := OperationByID(id); !ok || len(op.Permissions) == 0 {
			t.Errorf("deliberatelyUnused lists %s, which is no operation of the description that names a permission", id)
		}
	}
}

// Every operation a step names is one of the description; a misspelt operationId would show no permission.
func TestStepsNameOperationsOfTheDescription(t *testing.T) {
	for _, typ := range types {
		for _, u := range typ.Uses {
			for _, id := range u.Operations {
				if _, ok := OperationByID(id); !ok {
					t.Errorf("%s %s, step %s: %s is no operationId of api/openapi.yaml", typ.Kind, typ.Name, u.Step, id)
				}
			}
		}
	}
}

// Each kind has exactly its steps, in order: a resource reads, creates, updates and deletes; a data
// source and a list resource read; an action is invoked. A type is described once.
func TestEveryTypeHasTheStepsOfItsKind(t *testing.T) {
	want := map[Kind][]Step{
		Resource: {Read, Create, Update, Delete}, DataSource: {Read}, ListResource: {Read}, Action: {Invoke},
	}
	seen := map[Kind]map[string]bool{}
	for _, typ := range types {
		var steps []Step
		for _, u := range typ.Uses {
			steps = append(steps, u.Step)
			if len(u.Operations) == 0 && u.Note == "" {
				t.Errorf("%s %s, step %s: sends nothing, and no note says why", typ.Kind, typ.Name, u.Step)
			}
		}
		if !slices.Equal(steps, want[typ.Kind]) {
			t.Errorf("%s %s has the steps %v, want %v", typ.Kind, typ.Name, steps, want[typ.Kind])
		}
		if seen[typ.Kind] == nil {
			seen[typ.Kind] = map[string]bool{}
		}
		if seen[typ.Kind][typ.Name] {
			t.Errorf("%s %s is described twice", typ.Kind, typ.Name)
		}
		seen[typ.Kind][typ.Name] = true
	}
}

func TestForRequestNamesThePermissionOfTheMatchingOperation(t *testing.T) {
	for _, tt := range []struct{ method, path, want string }{
		{"GET", "/sauth/settings/ban", "settings_customers_iam_locking_policy: read"},
		{"POST", "/uauth/roles/role", "settings_users: update"},
		{"POST", "/uauth/roles/role-group", "settings_users: create"},
		{"POST", "/uauth/roles/role-group/12", "settings_users: update"},
		{"DELETE", "/uauth/users/invitations/3,4,5", "settings_users: delete"},
		// A literal segment wins over a template's parameter.
		{"POST", "/uauth/users/activate", "settings_users: delete"},
		{"POST", "/uauth/users/invitations/invite", "settings_users: create"},
		{"GET", "/uauth/users/listing/autocomplete", "settings_users: read or analytics: read"},
		// The reference names no permission for one's own account, although DELETE /uauth/users/{ids} needs one.
		{"DELETE", "/uauth/users/my-account", ""},
		{"DELETE", "/uauth/users/7", "settings_users: delete"},
		{"GET", "/uauth/users/7", ""},
		{"PUT", "/uauth/users/7/mfa-reset", "settings_users: update"},
		{"GET", "/uauth/nowhere", ""},
		{"GET", "/uauth/roles/", ""},
	} {
		if got := ForRequest(tt.method, tt.path); got != tt.want {
			t.Errorf("ForRequest(%s %s) = %q, want %q", tt.method, tt.path, got, tt.want)
		}
	}
}

func TestMarkdownShowsEachStepWithItsPermissions(t *testing.T) {
	got := Markdown(Resource, "synerise_ban_settings")
	for _, want := range []string{
		"## Permissions",
		"| read (plan, refresh, import) | `settings_customers_iam_locking_policy: read` | `getBanSettingsUsingGET` |",
		"| create (apply) | `settings_customers_iam_locking_policy: read`, `settings_customers_iam_locking_policy: update` | " +
			"`getBanSettingsUsingGET`, `updateBanSettingsUsingPOST`: reads the object, then writes it whole |",
		"| delete (apply, destroy) | `settings_customers_iam_locking_policy: update` | `updateBanSettingsUsingPOST`: nothing when `on_destroy` is `retain` |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, got)
		}
	}
	if got := Markdown(Resource, "synerise_mfa_requirement"); !strings.Contains(got, "| read (plan, refresh, import) | none | nothing: the API cannot read the requirement |") {
		t.Errorf("a step that sends nothing must say so:\n%s", got)
	}
	if got := Markdown(DataSource, "synerise_ban_settings"); got != "" {
		t.Errorf("Markdown of an unknown type = %q, want none", got)
	}
}

func TestPermissionsAreTheUnionOfTheStepsOperations(t *testing.T) {
	invitation, _ := Lookup(Resource, "synerise_invitation")
	got := invitation.Permissions(Update, Delete)
	want := []string{"settings_users: delete", "settings_users: update"}
	if !slices.Equal(got, want) {
		t.Errorf("Permissions(update, delete) = %v, want %v", got, want)
	}
	if got := invitation.Permissions(Invoke); len(got) != 0 {
		t.Errorf("Permissions of a step the type lacks = %v, want none", got)
	}
}
