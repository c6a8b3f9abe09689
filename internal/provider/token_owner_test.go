package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// planWarnings records the warnings the provider gives Terraform with its planned changes, which the
// CLI shows and the testing framework does not report.
type planWarnings struct {
	mu       sync.Mutex
	warnings []string
}

// recordingServer is the provider's protocol server with its plans' warnings recorded.
type recordingServer struct {
	tfprotov6.ProviderServer
	record *planWarnings
}

func (s recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.record.mu.Lock()
		defer s.record.mu.Unlock()
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				s.record.warnings = append(s.record.warnings, d.Summary+": "+d.Detail)
			}
		}
	}
	return resp, err
}

func (p *planWarnings) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"synerise": func() (tfprotov6.ProviderServer, error) {
			server, err := protocolServer(New("test")())
			return recordingServer{ProviderServer: server, record: p}, err
		},
	}
}

// expect is a plan check that the plan gave one lockout warning that says change (or none for ""),
// then forgets the warnings for the next step.
func (p *planWarnings) expect(change string) plancheck.PlanCheck {
	return lockoutWarningCheck{p, change}
}

type lockoutWarningCheck struct {
	warnings *planWarnings
	change   string
}

func (c lockoutWarningCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	c.warnings.mu.Lock()
	defer c.warnings.mu.Unlock()
	got := c.warnings.warnings
	c.warnings.warnings = nil
	var lockouts []string
	for _, w := range got {
		if strings.HasPrefix(w, "This plan may lock Terraform out of the workspace") {
			lockouts = append(lockouts, w)
		}
	}
	switch {
	case c.change == "" && len(lockouts) > 0:
		resp.Error = fmt.Errorf("the plan warned %q, want no lockout warning", lockouts)
	case c.change == "":
	case len(lockouts) != 1:
		resp.Error = fmt.Errorf("the plan warned %q, want one lockout warning that says %q", got, c.change)
	case !strings.Contains(lockouts[0], "admin@example.com is the user whose API token Terraform uses") ||
		!strings.Contains(lockouts[0], "this plan "+c.change) || !strings.Contains(lockouts[0], "allow_token_owner_lockout = true") ||
		!strings.Contains(lockouts[0], "a warning rather than an error"):
		resp.Error = fmt.Errorf("the warning says %q; it should name the token's owner, say that the plan %s, how to acknowledge it, and why it is not an error",
			lockouts[0], c.change)
	}
}

// planOnly is a step that plans config, expects changes, and checks the lockout warning for change.
func (p *planWarnings) planOnly(config, change string) resource.TestStep {
	return resource.TestStep{
		Config:             config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		PreConfig:          p.forget,
		ConfigPlanChecks:   resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{p.expect(change)}},
	}
}

func (p *planWarnings) forget() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.warnings = nil
}

// ownerRole is the id of the mock's token owner's only role, Admin.
func (w *testWorkspace) ownerRole(t *testing.T) int64 {
	t.Helper()
	owner, err := w.client.Whoami(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	user, err := w.client.GetUser(t.Context(), owner.ID)
	if err != nil || len(user.Roles) != 1 {
		t.Fatalf("the token's owner: %+v, %v; want one role", user, err)
	}
	return user.Roles[0].ID
}

// Each change that takes the token owner's access warns at plan time, naming the member; the
// acknowledgement on the member silences it, and so does a state that holds it when the member goes.
func TestAccTokenOwner_invitationWarnsUnlessAcknowledged(t *testing.T) {
	w := newTestWorkspace(t)
	role := w.ownerRole(t)
	me := func(attributes string) string {
		return w.config(fmt.Sprintf(`
resource "synerise_invitation" "me" {
  email      = "admin@example.com"
  first_name = "Ada"
  last_name  = "Admin"
  role_ids   = [%d]
  %s
}`, role, attributes))
	}
	warnings := &planWarnings{}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.factories(),
		Steps: []resource.TestStep{
			{Config: me(""), ResourceName: "synerise_invitation.me", ImportState: true, ImportStateId: "admin@example.com", ImportStatePersist: true},
			{
				Config: me(""), PreConfig: warnings.forget,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), warnings.expect("")}},
			},
			warnings.planOnly(me("active = false"), "deactivates them (active = false)"),
			warnings.planOnly(me(`access_expires_at = "2031-01-01T00:00:00Z"`), "ends their access at 2031-01-01T00:00:00Z"),
			warnings.planOnly(w.config(`
resource "synerise_invitation" "me" {
  email = "ADMIN@example.com"
}`), "takes every role from them"),
			warnings.planOnly(w.config(`
resource "synerise_invitation" "me" {
  email = "grace@example.com"
}`), "removes them from the workspace"),
			warnings.planOnly(w.config(""), "removes them from the workspace"),
			warnings.planOnly(me("active = false\n  allow_token_owner_lockout = true"), ""),
			warnings.planOnly(w.config(`
resource "synerise_invitation" "me" {
  email                     = "admin@example.com"
  allow_token_owner_lockout = true
}`), ""),
			{
				// The acknowledgement alone sends nothing, and the state keeps it for the removal.
				Config: me("allow_token_owner_lockout = true"), PreConfig: warnings.forget,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("synerise_invitation.me", plancheck.ResourceActionUpdate), warnings.expect(""),
				}},
				Check: func(*terraform.State) error {
					return w.expectRequests(map[string]int{"POST /uauth/users/{userId}": 0, "PUT /uauth/users/{userId}/access-time": 0})
				},
			},
			warnings.planOnly(w.config(""), ""),
		},
	})
}

// In synerise_invitations the guard follows the member by address: a new label is no removal, a
// member left out or the whole resource removed is, and each member carries its own acknowledgement.
func TestAccTokenOwner_invitationsWarnPerMember(t *testing.T) {
	w := newTestWorkspace(t)
	role := w.ownerRole(t)
	members := func(label, attributes string) string {
		roles := fmt.Sprintf("[%d]", role)
		if strings.Contains(attributes, "role_ids") {
			roles, attributes = strings.TrimPrefix(attributes, "role_ids = "), ""
		}
		return w.config(fmt.Sprintf(`
resource "synerise_invitations" "team" {
  members = {
    %s = {
      email      = "admin@example.com"
      first_name = "Ada"
      last_name  = "Admin"
      role_ids   = %s
      %s
    }
  }
}`, label, roles, attributes))
	}
	warnings := &planWarnings{}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.factories(),
		Steps: []resource.TestStep{
			{Config: members("me", ""), ResourceName: "synerise_invitations.team", ImportState: true, ImportStateId: "admin@example.com", ImportStatePersist: true},
			{
				Config: members("me", ""), PreConfig: warnings.forget,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{warnings.expect("")}},
			},
			warnings.planOnly(members("owner", ""), ""),
			warnings.planOnly(members("me", "active = false"), "deactivates them (active = false)"),
			warnings.planOnly(members("me", "role_ids = []"), "takes every role from them"),
			warnings.planOnly(w.config(`
resource "synerise_invitations" "team" {
  members = {
    grace = { email = "grace@example.com" }
  }
}`), "removes them from the workspace"),
			warnings.planOnly(w.config(""), "removes them from the workspace"),
			warnings.planOnly(members("me", "active = false\n      allow_token_owner_lockout = true"), ""),
			// Without the check the provider does not know whom the token belongs to, and cannot warn.
			warnings.planOnly(strings.Replace(members("me", "active = false"), "api_token", "skip_credentials_validation = true\n  api_token", 1), ""),
		},
	})
}
