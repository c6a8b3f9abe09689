package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// faultyWorkspace is the configuration of TestAccFaults_everyWriteLandsOnce, from which both its HCL and
// the expected state of the API are derived.
type faultyWorkspace struct {
	groups  []string
	roles   []faultyRole
	members map[string][]string // bulk-invited email → role names
	invitee map[string][]string // singly invited email → role names
	minLen  int64
	ips     []string
}

type faultyRole struct {
	name, group, description string
	pii                      bool
}

func (f faultyWorkspace) hcl() string {
	var b strings.Builder
	for _, g := range f.groups {
		fmt.Fprintf(&b, "resource \"synerise_role_group\" %q {\n  name = %q\n}\n", g, g)
	}
	for _, r := range f.roles {
		fmt.Fprintf(&b, "resource \"synerise_role\" %q {\n  group_id    = synerise_role_group.%s.id\n  name        = %q\n  description = %q\n}\n", r.name, r.group, r.name, r.description)
		if r.pii {
			fmt.Fprintf(&b, "resource \"synerise_role_pii\" %q {\n  role_id = synerise_role.%s.id\n}\n", r.name, r.name)
		}
	}
	roleRefs := func(names []string) string {
		refs := make([]string, len(names))
		for i, n := range names {
			refs[i] = "synerise_role." + n + ".id"
		}
		return "[" + strings.Join(refs, ", ") + "]"
	}
	b.WriteString("resource \"synerise_invitations\" \"team\" {\n  members = {\n")
	for _, email := range slices.Sorted(maps.Keys(f.members)) {
		fmt.Fprintf(&b, "    %q = { email = %q, role_ids = %s }\n", email, email, roleRefs(f.members[email]))
	}
	b.WriteString("  }\n}\n")
	for _, email := range slices.Sorted(maps.Keys(f.invitee)) {
		fmt.Fprintf(&b, "resource \"synerise_invitation\" %q {\n  email    = %q\n  role_ids = %s\n}\n", strings.Split(email, "@")[0], email, roleRefs(f.invitee[email]))
	}
	fmt.Fprintf(&b, "resource \"synerise_password_policy\" \"this\" {\n  min_length = %d\n}\n", f.minLen)
	fmt.Fprintf(&b, "resource \"synerise_ip_policy\" \"this\" {\n  enabled   = false\n  ip_policy = [%s]\n}\n", quoteAll(f.ips))
	b.WriteString("resource \"synerise_mfa_requirement\" \"this\" {\n  enabled = true\n}\n")
	return b.String()
}

// compare reads the workspace through the fault-exempt client and counts the configured objects that
// are there as configured, and those missing or different: the lost writes. Objects of this test that
// the configuration no longer holds count as lost too (a lost delete).
func (f faultyWorkspace) compare(w *testWorkspace) (checked int, lost []string, err error) {
	ctx := context.Background()
	var found tally
	roleIDs, err := f.compareRoles(ctx, w, &found)
	if err == nil {
		err = f.compareMembers(ctx, w, roleIDs, &found)
	}
	if err == nil {
		err = f.compareSettings(ctx, w, &found)
	}
	if err != nil {
		return 0, nil, err
	}
	return found.checked, found.lost, nil
}

// tally counts the comparisons of compare and keeps those that failed: the lost writes.
type tally struct {
	checked int
	lost    []string
}

func (t *tally) check(ok bool, what string, args ...any) {
	t.checked++
	if !ok {
		t.lost = append(t.lost, fmt.Sprintf(what, args...))
	}
}

// compareRoles compares the role groups, the roles and their PII access, and returns the ids of the
// roles by name.
func (f faultyWorkspace) compareRoles(ctx context.Context, w *testWorkspace, found *tally) (map[string]int64, error) {
	groups, err := w.client.ListRoleGroups(ctx)
	if err != nil {
		return nil, err
	}
	groupIDs := map[string]int64{}
	for _, g := range groups {
		groupIDs[g.Name] = g.ID
	}
	for _, g := range f.groups {
		_, ok := groupIDs[g]
		found.check(ok, "role group %s is missing", g)
	}
	roles, err := w.client.ListAvailableRoles(ctx)
	if err != nil {
		return nil, err
	}
	roleIDs := map[string]int64{}
	for _, r := range f.roles {
		i := slices.IndexFunc(roles, func(got iam.Role) bool { return got.Name == r.name && got.Group == groupIDs[r.group] })
		found.check(i >= 0 && roles[i].Description == r.description, "role %s is missing from group %s or has another description", r.name, r.group)
		if i < 0 {
			continue
		}
		roleIDs[r.name] = roles[i].ID
		pii, err := w.client.GetRolePII(ctx, roles[i].ID)
		if err != nil {
			return nil, err
		}
		found.check(pii.PIIAccess == r.pii, "role %s has PII access %t, want %t", r.name, pii.PIIAccess, r.pii)
	}
	return roleIDs, nil
}

// compareMembers compares the members and invitees of this test and their roles.
func (f faultyWorkspace) compareMembers(ctx context.Context, w *testWorkspace, roleIDs map[string]int64, found *tally) error {
	users, err := w.client.ListUsers(ctx, iam.UserFilter{})
	if err != nil {
		return err
	}
	want := map[string][]string{}
	maps.Copy(want, f.members)
	maps.Copy(want, f.invitee)
	seen := map[string]bool{}
	for _, u := range users {
		if !strings.HasSuffix(u.Email, "@faulty.example.com") {
			continue
		}
		seen[u.Email] = true
		roleNames, ok := want[u.Email]
		if !ok {
			found.check(false, "%s is still a member or invited", u.Email)
			continue
		}
		var wantIDs, gotIDs []int64
		for _, n := range roleNames {
			wantIDs = append(wantIDs, roleIDs[n])
		}
		for _, r := range u.Roles {
			gotIDs = append(gotIDs, r.ID)
		}
		slices.Sort(wantIDs)
		slices.Sort(gotIDs)
		found.check(slices.Equal(wantIDs, gotIDs), "%s has roles %v, want %v", u.Email, gotIDs, wantIDs)
	}
	for email := range want {
		found.check(seen[email], "%s was not invited", email)
	}
	return nil
}

// compareSettings compares the password policy, the IP allowlist and the MFA requirement.
func (f faultyWorkspace) compareSettings(ctx context.Context, w *testWorkspace, found *tally) error {
	policy, err := w.client.ReadSettings(ctx, "/uauth/settings/password-policy")
	if err != nil {
		return err
	}
	minLength := fmt.Sprint(policy["minLength"])
	found.check(minLength == fmt.Sprint(f.minLen), "password min length is %s, want %d", minLength, f.minLen)
	ipPolicy, err := w.client.ReadSettings(ctx, "/uauth/settings/user-bp-ip-policy")
	if err != nil {
		return err
	}
	held, _ := ipPolicy["ipPolicy"].([]any)
	var gotIPs []string
	for _, ip := range held {
		gotIPs = append(gotIPs, fmt.Sprint(ip))
	}
	sort.Strings(gotIPs)
	found.check(slices.Equal(gotIPs, f.ips), "IP allowlist is %v, want %v", gotIPs, f.ips)
	found.check(w.mock.Snapshot().MFARequired, "MFA is not required")
	return nil
}

func (w *testWorkspace) expectConfigured(t *testing.T, f faultyWorkspace) resource.TestCheckFunc {
	return func(*terraform.State) error {
		checked, lost, err := f.compare(w)
		if err != nil {
			return err
		}
		if faultRun.rate > 0 {
			faultRun.addWrites(checked, len(lost))
		}
		t.Logf("%d objects compared with their configuration, %d lost writes", checked, len(lost))
		if len(lost) > 0 {
			return fmt.Errorf("lost writes: %s", strings.Join(lost, "; "))
		}
		return nil
	}
}

func faultyScenario(step int) faultyWorkspace {
	f := faultyWorkspace{
		groups:  []string{"ops", "sales", "support"},
		members: map[string][]string{},
		invitee: map[string][]string{},
		minLen:  12,
		ips:     []string{"198.51.100.24", "203.0.113.7"},
	}
	for i := range 12 {
		f.roles = append(f.roles, faultyRole{
			name: fmt.Sprintf("role%02d", i), group: f.groups[i%3],
			description: fmt.Sprintf("Role %d", i), pii: i%4 == 0,
		})
	}
	for i := range 40 {
		f.members[fmt.Sprintf("member%02d@faulty.example.com", i)] = []string{fmt.Sprintf("role%02d", i%12)}
	}
	for i := range 5 {
		f.invitee[fmt.Sprintf("invitee%d@faulty.example.com", i)] = []string{"role00", fmt.Sprintf("role%02d", i+1)}
	}
	if step == 1 {
		return f
	}
	// Rename, describe anew, move between groups and change PII access; change ten members' roles, let
	// ten go and ten more join; change the settings.
	f.roles[1].description = "Role 1, described anew"
	f.roles[2].group = "ops"
	f.roles[3].pii = true
	f.roles[4].pii = false
	for i := range 10 {
		f.members[fmt.Sprintf("member%02d@faulty.example.com", i)] = []string{"role05", "role06"}
		delete(f.members, fmt.Sprintf("member%02d@faulty.example.com", 30+i))
		f.members[fmt.Sprintf("joiner%02d@faulty.example.com", i)] = []string{"role07"}
	}
	f.invitee["invitee0@faulty.example.com"] = []string{"role08"}
	delete(f.invitee, "invitee4@faulty.example.com")
	f.minLen = 16
	f.ips = []string{"192.0.2.1", "198.51.100.24"}
	return f
}

// The whole workspace is applied, changed and destroyed against a mock that meets 30 % of the
// provider's requests with a fault, whatever the run: every write must land once.
func TestAccFaults_everyWriteLandsOnce(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if faultRun.rate > 0 {
		seed = faultRun.seedFor(t.Name())
	}
	t.Logf("fault seed %d", seed)
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Rate: 0.3, Seed: seed}})
	first, second := faultyScenario(1), faultyScenario(2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: w.config(first.hcl()), Check: w.expectConfigured(t, first)},
			{
				Config: w.config(second.hcl()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: w.expectConfigured(t, second),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			snapshot := w.mock.Snapshot()
			for email := range snapshot.Users {
				if strings.HasSuffix(email, "@faulty.example.com") {
					return fmt.Errorf("%s is still in the workspace after destroy", email)
				}
			}
			for _, g := range first.groups {
				if snapshot.RoleGroups[g] > 0 {
					return fmt.Errorf("role group %s is still there after destroy", g)
				}
			}
			return nil
		},
	})
}

func quoteAll(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(quoted, ", ")
}
