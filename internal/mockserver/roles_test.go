package mockserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
)

func TestSeededWorkspace(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	groups := api.groups()
	want := []struct {
		id    int64
		name  string
		roles []string
	}{
		{1, "Administrators", []string{"Admin", "Owner"}},
		{2, "Default", []string{"Marketer", "Analyst"}},
	}
	if len(groups) != len(want) {
		t.Fatalf("groups %+v", groups)
	}
	for i, w := range want {
		g := groups[i]
		var names []string
		for _, r := range g.Roles {
			names = append(names, r.Name)
			if r.Group != g.ID {
				t.Errorf("role %+v is listed in group %d", r, g.ID)
			}
		}
		if g.ID != w.id || g.Name != w.name || g.Description == "" || !slices.Equal(names, w.roles) {
			t.Errorf("group %d: %+v, want %s with %v", i, g, w.name, w.roles)
		}
	}

	var me userDoc
	api.expect(http.MethodGet, "/uauth/users/my-account", nil, http.StatusOK, &me)
	if me.ID != 1 || me.Email != seedAdminEmail || me.Status != statusActive || len(me.Roles) != 1 || me.Roles[0].Name != "Admin" {
		t.Errorf("my account %+v", me)
	}
}

func TestRoleGroupWritesAnswerWithAllGroups(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	var afterCreate []roleGroupDoc
	api.expect(http.MethodPost, "/uauth/roles/role-group", `{"name":"Support","description":"Helpdesk"}`, http.StatusOK, &afterCreate)
	if len(afterCreate) != 3 || afterCreate[2].ID != 3 || afterCreate[2].Name != "Support" || afterCreate[2].Description != "Helpdesk" {
		t.Fatalf("after create: %+v", afterCreate)
	}
	if len(afterCreate[2].Roles) != 0 || afterCreate[2].Roles == nil {
		t.Errorf("a new group lists roles %v, want []", afterCreate[2].Roles)
	}

	var afterUpdate []roleGroupDoc
	api.expect(http.MethodPost, "/uauth/roles/role-group/3", `{"name":"Customer support"}`, http.StatusOK, &afterUpdate)
	if len(afterUpdate) != 3 || afterUpdate[2].Name != "Customer support" || afterUpdate[2].Description != "Helpdesk" {
		t.Errorf("after update (description left out, so kept): %+v", afterUpdate)
	}

	var afterDelete []roleGroupDoc
	api.expect(http.MethodDelete, "/uauth/roles/role-group/3", nil, http.StatusOK, &afterDelete)
	if len(afterDelete) != 2 {
		t.Errorf("after delete: %+v", afterDelete)
	}
	if msg := api.expectError(http.MethodPost, "/uauth/roles/role-group/3", `{"name":"x"}`, http.StatusNotFound); msg != "Role group 3 not found" {
		t.Errorf("updating a deleted group: %q", msg)
	}

	// Ids are never reused.
	api.expect(http.MethodPost, "/uauth/roles/role-group", `{"name":"Again"}`, http.StatusOK, &afterCreate)
	if afterCreate[len(afterCreate)-1].ID != 4 {
		t.Errorf("a new group after a delete: %+v", afterCreate)
	}
}

func TestDeletingAGroupWithRolesIsAConflict(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	if msg := api.expectError(http.MethodDelete, "/uauth/roles/role-group/2", nil, http.StatusConflict); msg != "Role group 2 still contains roles" {
		t.Errorf("message %q", msg)
	}
	api.expect(http.MethodDelete, "/uauth/roles/role/3", nil, http.StatusOK, nil)
	api.expect(http.MethodDelete, "/uauth/roles/role/4", nil, http.StatusOK, nil)
	api.expect(http.MethodDelete, "/uauth/roles/role-group/2", nil, http.StatusOK, nil)
}

func TestRoleLifecycle(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	created := api.createRole(2, "Editor")
	if created.ID != 5 || created.Group != 2 || created.Name != "Editor" || created.Description != "Editor role" {
		t.Fatalf("created %+v", created)
	}
	var got roleDoc
	api.expect(http.MethodGet, "/uauth/roles/5", nil, http.StatusOK, &got)
	if got != created {
		t.Errorf("read %+v, created %+v", got, created)
	}

	// Moving a role between groups is an update.
	var moved roleDoc
	api.expect(http.MethodPost, "/uauth/roles/role/5", `{"group":1,"name":"Chief editor"}`, http.StatusOK, &moved)
	if moved.Group != 1 || moved.Name != "Chief editor" || moved.Description != "Editor role" {
		t.Errorf("moved %+v", moved)
	}
	if msg := api.expectError(http.MethodPost, "/uauth/roles/role/5", `{"group":77,"name":"x"}`, http.StatusNotFound); msg != "Role group 77 not found" {
		t.Errorf("moving to a missing group: %q", msg)
	}

	var available []roleDoc
	api.expect(http.MethodGet, "/uauth/users/available-roles", nil, http.StatusOK, &available)
	if len(available) != 5 || available[4].ID != 5 {
		t.Errorf("available roles %+v", available)
	}

	// A role given to a user is taken from them when it is deleted.
	invitee := api.invite("editor@example.com", 5, 4)
	var groups []roleGroupDoc
	api.expect(http.MethodDelete, "/uauth/roles/role/5", nil, http.StatusOK, &groups)
	if len(groups) != 2 || len(groups[0].Roles) != 2 {
		t.Errorf("groups after the role delete: %+v", groups)
	}
	var u userDoc
	api.expect(http.MethodGet, fmt.Sprintf("/uauth/users/%d", invitee.ID), nil, http.StatusOK, &u)
	if len(u.Roles) != 1 || u.Roles[0].ID != 4 {
		t.Errorf("user's roles after the role delete: %+v", u.Roles)
	}
	api.expectError(http.MethodGet, "/uauth/roles/5", nil, http.StatusNotFound)
	api.expectError(http.MethodDelete, "/uauth/roles/role/5", nil, http.StatusNotFound)
}

func TestRolePIIFollowsTheRole(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	type pii struct {
		RoleID    int64 `json:"roleId"`
		PIIAccess bool  `json:"piiAccess"`
	}
	for id := int64(1); id <= 4; id++ {
		var p pii
		api.expect(http.MethodGet, fmt.Sprintf("/uauth/roles/%d/pii", id), nil, http.StatusOK, &p)
		if p != (pii{RoleID: id}) {
			t.Errorf("seeded role %d: %+v", id, p)
		}
	}
	role := api.createRole(1, "Auditor")
	path := fmt.Sprintf("/uauth/roles/%d/pii", role.ID)
	var p pii
	api.expect(http.MethodPost, path, `{"piiAccess":true}`, http.StatusOK, &p)
	if !p.PIIAccess || p.RoleID != role.ID {
		t.Errorf("after enabling: %+v", p)
	}
	api.expect(http.MethodGet, path, nil, http.StatusOK, &p)
	if !p.PIIAccess {
		t.Errorf("read after enabling: %+v", p)
	}
	api.expectError(http.MethodPost, path, `{}`, http.StatusBadRequest)

	api.expect(http.MethodDelete, fmt.Sprintf("/uauth/roles/role/%d", role.ID), nil, http.StatusOK, nil)
	if msg := api.expectError(http.MethodGet, path, nil, http.StatusNotFound); msg != fmt.Sprintf("Role %d not found", role.ID) {
		t.Errorf("PII of a deleted role: %q", msg)
	}
	again := api.createRole(1, "Auditor")
	api.expect(http.MethodGet, fmt.Sprintf("/uauth/roles/%d/pii", again.ID), nil, http.StatusOK, &p)
	if p.PIIAccess {
		t.Errorf("a new role of the same name inherited PII access: %+v", p)
	}
}

func TestRolePermissions(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	type group struct {
		Key         string `json:"key"`
		Name        string `json:"name"`
		Permissions []struct {
			Key     string   `json:"key"`
			Actions []string `json:"actions"`
			Granted []string `json:"granted"`
		} `json:"permissions"`
		Children []group `json:"children"`
	}
	// walk visits every permission of the tree and reports whether settings_users sits under settings > users.
	var walk func(groups []group, path []string, visit func(path []string, key string, actions, granted []string))
	walk = func(groups []group, path []string, visit func([]string, string, []string, []string)) {
		for _, g := range groups {
			p := append(slices.Clone(path), g.Key)
			for _, perm := range g.Permissions {
				visit(p, perm.Key, perm.Actions, perm.Granted)
			}
			walk(g.Children, p, visit)
		}
	}

	var admin []group
	api.expect(http.MethodGet, "/uauth/permissions/group/role/1", nil, http.StatusOK, &admin)
	found := false
	walk(admin, nil, func(path []string, key string, actions, granted []string) {
		if !slices.Equal(actions, granted) {
			t.Errorf("Admin is granted %v of %s, which offers %v", granted, key, actions)
		}
		if key == "settings_users" {
			found = slices.Equal(path, []string{"settings", "users"})
		}
	})
	if !found {
		t.Error("settings_users is not under settings > users")
	}

	role := api.createRole(2, "Intern")
	var fresh []group
	api.expect(http.MethodGet, fmt.Sprintf("/uauth/permissions/group/role/%d", role.ID), nil, http.StatusOK, &fresh)
	walk(fresh, nil, func(_ []string, key string, _, granted []string) {
		if granted == nil || len(granted) != 0 {
			t.Errorf("a new role is granted %v of %s, want []", granted, key)
		}
	})
	api.expectError(http.MethodGet, "/uauth/permissions/group/role/999", nil, http.StatusNotFound)
}

func TestConcurrentRoleCreates(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	const n = 40
	ids := make(chan int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			// Not api.expect: a test may only fail fatally from its own goroutine.
			res := api.call(http.MethodPost, "/uauth/roles/role", fmt.Sprintf(`{"group":%d,"name":"Role %d"}`, 1+i%2, i))
			var r roleDoc
			if err := json.Unmarshal(res.body, &r); res.status != http.StatusOK || err != nil {
				t.Errorf("create %d: status %d, body %s", i, res.status, res.body)
			}
			ids <- r.ID
		})
	}
	// Readers run alongside the writers, for the race detector.
	for range 10 {
		wg.Go(func() {
			if res := api.call(http.MethodGet, "/uauth/roles/listing", nil); res.status != http.StatusOK {
				t.Errorf("listing: status %d", res.status)
			}
		})
	}
	wg.Wait()
	close(ids)

	seen := map[int64]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("id %d given twice", id)
		}
		seen[id] = true
	}
	var all []roleDoc
	api.expect(http.MethodGet, "/uauth/users/available-roles", nil, http.StatusOK, &all)
	if len(all) != 4+n || len(seen) != n {
		t.Errorf("%d roles listed, %d distinct ids created; want %d and %d", len(all), len(seen), 4+n, n)
	}
	for i, r := range all {
		if r.ID != int64(i+1) {
			t.Errorf("role %d has id %d: ids are not dense and ordered", i, r.ID)
		}
	}
}
