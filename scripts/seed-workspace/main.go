// Command seed-workspace fills a workspace of the mock API the way people fill one by hand, through
// the API and not through Terraform, so that the adoption demo (scripts/demo-adopt.sh) has something
// to adopt: role groups and roles, a role that sees personal data, a member and two invitations, a
// managed domain, and settings changed from their defaults.
//
// Environment: SYNERISE_API_URL and SYNERISE_API_TOKEN, as the provider reads them.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

func main() {
	if err := seed(context.Background(), os.Getenv("SYNERISE_API_URL"), os.Getenv("SYNERISE_API_TOKEN")); err != nil {
		log.SetFlags(0)
		log.Fatalf("seed-workspace: %v", err)
	}
}

func seed(ctx context.Context, url, token string) error {
	client, err := iam.New(iam.Config{BaseURL: url, Token: token, MaxRetries: iam.DefaultMaxRetries})
	if err != nil {
		return err
	}
	engineering, err := client.CreateRoleGroup(ctx, iam.RoleGroupInput{Name: "Engineering", Description: "Builds the product"})
	if err != nil {
		return err
	}
	security, err := client.CreateRoleGroup(ctx, iam.RoleGroupInput{Name: "Security"})
	if err != nil {
		return err
	}
	developer, err := client.CreateRole(ctx, iam.RoleInput{Group: engineering.ID, Name: "Developer", Description: "Writes code"})
	if err != nil {
		return err
	}
	reviewer, err := client.CreateRole(ctx, iam.RoleInput{Group: engineering.ID, Name: "Reviewer"})
	if err != nil {
		return err
	}
	auditor, err := client.CreateRole(ctx, iam.RoleInput{Group: security.ID, Name: "Auditor", Description: "Reviews access, changes nothing"})
	if err != nil {
		return err
	}
	if _, err := client.SetRolePII(ctx, auditor.ID, true); err != nil {
		return err
	}

	members, err := client.InviteUsers(ctx, []iam.Invitation{
		{Email: "grace@example.com", FirstName: "Grace", LastName: "Hopper", Roles: []int64{developer.ID, reviewer.ID}},
		{Email: "alan@example.com", FirstName: "Alan", Roles: []int64{developer.ID}},
		{Email: "joan@example.com", Roles: []int64{auditor.ID}},
	})
	if err != nil {
		return err
	}
	// Grace accepted her invitation; the others have not yet.
	if err := control(ctx, url, fmt.Sprintf("/_mock/invitations/%d/accept", members[0].ID)); err != nil {
		return err
	}
	until := time.Date(2030, time.January, 31, 0, 0, 0, 0, time.UTC)
	if err := client.SetUserAccessExpiration(ctx, members[1].ID, &until); err != nil {
		return err
	}

	if err := seedSettings(ctx, client); err != nil {
		return err
	}

	// Stands in for the DNS record someone published by hand before verifying the domain in the app.
	if err := control(ctx, url, "/_mock/domains/example.com/publish?method=TXT_RECORD"); err != nil {
		return err
	}
	if _, err := client.VerifyManagedDomain(ctx, "example.com", iam.DomainVerificationTXTRecord); err != nil {
		return err
	}
	fmt.Println("seeded: 2 role groups, 3 roles, PII access for Auditor, 1 member, 2 invitations, the IP allowlist, the password policy and example.com")
	return nil
}

// seedSettings sets the IP allowlist and a password policy, as someone would in the app.
func seedSettings(ctx context.Context, client *iam.Client) error {
	ipPolicy := map[string]any{"enabled": true, "enableSupportSubnets": false, "ipPolicy": []string{"203.0.113.7", "198.51.100.1"}}
	if _, err := client.ReplaceSettings(ctx, "/uauth/settings/user-bp-ip-policy", ipPolicy); err != nil {
		return err
	}
	policy, err := client.ReadSettings(ctx, "/uauth/settings/password-policy")
	if err != nil {
		return err
	}
	policy["minLength"] = 14
	_, err = client.ReplaceSettings(ctx, "/uauth/settings/password-policy", policy)
	return err
}

// control calls one of the mock's control endpoints, which stand in for what happens outside the API.
func control(ctx context.Context, url, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+path, http.NoBody)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("POST %s: %s", path, resp.Status)
	}
	return nil
}
