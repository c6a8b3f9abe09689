package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"path/filepath"
)

// phaseUsers is a plan whose configuration reads the data source synerise_users over a workspace of
// many members: it has no floor, since Terraform has no such data source of its own.
const phaseUsers phase = "users data source"

// usersConfig reads every member of the workspace.
const usersConfig = `terraform {
  required_providers {
    synerise = { source = "synerise-oss/synerise" }
  }
}

provider "synerise" {}

data "synerise_users" "all" {}

output "members" {
  value = length(data.synerise_users.all.users)
}
`

// inviteBatch is how many members one bulk invitation seeds.
const inviteBatch = 500

// measureUsers seeds members invitations into the mock through its API and times runs plans of a
// configuration that reads them all with synerise_users, once it is applied.
func measureUsers(ctx context.Context, w workspace, env []string, mock *mockProcess, members, runs int) (measurement, error) {
	for first := 0; first < members; first += inviteBatch {
		if err := mock.inviteMembers(ctx, first, min(members, first+inviteBatch)); err != nil {
			return measurement{}, fmt.Errorf("seeding members: %w", err)
		}
	}
	dir := filepath.Join(w.dir, fmt.Sprintf("users-%d-%s", members, mock.latency))
	if err := writeConfigs(map[string]string{dir: usersConfig}); err != nil {
		return measurement{}, err
	}
	// Applied once, so that the output is in the state and the timed plans have nothing to do.
	if _, err := terraform(ctx, dir, env, phaseApply); err != nil {
		return measurement{}, fmt.Errorf("synerise_users apply: %w", err)
	}
	log.Printf("  %s over %d members:", phaseUsers, members)
	var provider providerRuns
	for range runs {
		if err := provider.time(ctx, w, env, mock, dir, phasePlan); err != nil {
			return measurement{}, fmt.Errorf("synerise_users plan: %w", err)
		}
	}
	m := provider.measurement(phaseUsers)
	m.Latency, m.N = mock.latency.String(), members
	return m, nil
}

// inviteMembers invites members first..last-1 of the benchmark's workspace in one bulk invitation.
func (m *mockProcess) inviteMembers(ctx context.Context, first, last int) error {
	type invitation struct {
		Email     string  `json:"email"`
		FirstName string  `json:"firstName"`
		LastName  string  `json:"lastName"`
		Roles     []int64 `json:"roles"`
	}
	var body struct {
		Invitations []invitation `json:"invitations"`
	}
	for i := first; i < last; i++ {
		body.Invitations = append(body.Invitations, invitation{Email: fmt.Sprintf("seeded-%d@bench.example.com", i),
			FirstName: "Seeded", LastName: fmt.Sprint(i), Roles: []int64{}})
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.url+"/uauth/users/invitations/invite-bulk", bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer mock-token")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the mock answered the bulk invitation with %s", resp.Status)
	}
	return nil
}
