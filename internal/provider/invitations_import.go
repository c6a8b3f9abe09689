package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ImportState takes a comma-separated list of the members' email addresses, or the identity's list of
// them, each a member or an invitation of the workspace, and each once. The members get labels
// derived from their addresses (importLabels).
func (r *InvitationsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	emails := validImportedEmails(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	byEmail, ok := usersByEmail(ctx, r.client, &resp.Diagnostics)
	if !ok {
		return
	}
	var missing []string
	for _, email := range emails {
		if _, ok := byEmail[strings.ToLower(email)]; !ok {
			missing = append(missing, email)
		}
	}
	if len(missing) > 0 {
		resp.Diagnostics.AddError("No such members", fmt.Sprintf("%s: neither members nor invitations of the workspace. "+
			"Import only addresses the workspace has; add the others to members and apply to invite them.", strings.Join(missing, ", ")))
		return
	}
	members := map[string]memberModel{}
	for label, email := range importLabels(emails) {
		members[label] = memberModel{
			Email: types.StringValue(email), FirstName: types.StringNull(), LastName: types.StringNull(),
			RoleIDs: types.SetNull(types.Int64Type), AccessExpiresAt: timetypes.NewRFC3339Null(), Active: types.BoolNull(),
			ID: types.Int64Null(), Status: types.StringNull(),
		}
	}
	writeInvitations(ctx, &resp.State, InvitationsResourceModel{ID: types.StringValue(invitationsID), Members: members}, &resp.Diagnostics)
	setIdentity(ctx, resp.Identity, membersIdentity(members), &resp.Diagnostics)
}

// validImportedEmails lists the addresses an import names, trimmed, refusing what is not an address
// and an address named twice.
func validImportedEmails(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) []string {
	var emails []string
	for _, email := range importedEmails(ctx, req, diags) {
		email = strings.TrimSpace(email)
		if !emailPattern.MatchString(email) {
			diags.AddError("Invalid import ID",
				fmt.Sprintf("Expected comma-separated email addresses such as ada@example.com,alan@example.com; %q is not one.", email))
			return nil
		}
		emails = append(emails, email)
	}
	byAddress := make(map[string]memberModel, len(emails))
	for _, email := range emails {
		if _, twice := byAddress[email]; twice {
			diags.AddError("Invalid import ID", fmt.Sprintf("%s is named twice. Name each member once.", email))
		}
		byAddress[email] = memberModel{Email: types.StringValue(email)}
	}
	for _, pair := range sameAddresses(byAddress) {
		diags.AddError("Invalid import ID",
			fmt.Sprintf("%s and %s are one email address: the API compares addresses without regard to case. Name each member once.", pair[0], pair[1]))
	}
	return emails
}

// importedEmails lists the addresses an import names: the comma-separated import ID, or the identity's emails.
func importedEmails(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) []string {
	if req.ID != "" || req.Identity == nil {
		return strings.Split(req.ID, ",")
	}
	var identity invitationsIdentity
	diags.Append(req.Identity.Get(ctx, &identity)...)
	if diags.HasError() {
		return nil
	}
	emails := make([]string, 0, len(identity.Emails.Elements()))
	diags.Append(identity.Emails.ElementsAs(ctx, &emails, false)...)
	if !diags.HasError() && len(emails) == 0 {
		diags.AddError("Invalid import identity: emails",
			"The identity's emails must list the members' addresses, such as emails = [\"ada@example.com\", \"alan@example.com\"].")
	}
	return emails
}

// notInLabel is what an imported label replaces with an underscore.
var notInLabel = regexp.MustCompile(`[^a-z0-9_]`)

// importLabels gives imported addresses labels that are HCL identifiers, which every tool writes into a
// generated configuration as they are (OpenTofu writes map keys unquoted): the address in lower case,
// every character other than a-z, 0-9 and _ an underscore, "member_" before a leading digit, and _2,
// _3, ... after a label that an earlier address (in sorted order) took. It maps labels to addresses.
func importLabels(emails []string) map[string]string {
	labels := make(map[string]string, len(emails))
	for _, email := range slices.Sorted(slices.Values(emails)) {
		base := notInLabel.ReplaceAllString(strings.ToLower(email), "_")
		if base[0] >= '0' && base[0] <= '9' {
			base = "member_" + base
		}
		label := base
		for n := 2; labels[label] != ""; n++ {
			label = fmt.Sprintf("%s_%d", base, n)
		}
		labels[label] = email
	}
	return labels
}
