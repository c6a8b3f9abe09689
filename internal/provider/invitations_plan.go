package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ValidateConfig refuses two members with one address: the API would refuse the second invitation.
func (r *InvitationsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var members types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("members"), &members)...)
	if resp.Diagnostics.HasError() || members.IsNull() || members.IsUnknown() {
		return
	}
	// Only the addresses are compared, so only they are read, without decoding every member. A member
	// that is unknown as a whole (a module's variable during validate) has no address to compare yet:
	// it gives a null email, which sameAddresses skips.
	byLabel := make(map[string]memberModel, len(members.Elements()))
	for label, member := range members.Elements() {
		var email types.String
		if object, ok := member.(types.Object); ok {
			email, _ = object.Attributes()["email"].(types.String)
		}
		byLabel[label] = memberModel{Email: email}
	}
	for _, pair := range sameAddresses(byLabel) {
		first, second := byLabel[pair[0]].Email.ValueString(), byLabel[pair[1]].Email.ValueString()
		resp.Diagnostics.AddAttributeError(path.Root("members").AtMapKey(pair[1]).AtName("email"), "Duplicate member",
			fmt.Sprintf("Members %q (%s) and %q (%s) have one email address: the API compares addresses without regard to case. "+
				"Keep one of the two.", pair[0], first, pair[1], second))
	}
}

// sameAddresses lists the pairs of labels whose known email addresses differ at most in case, each
// pair and the list sorted by label.
func sameAddresses(members map[string]memberModel) [][2]string {
	first := map[string]string{}
	var pairs [][2]string
	for _, label := range slices.Sorted(maps.Keys(members)) {
		email := members[label].Email
		if email.IsNull() || email.IsUnknown() {
			continue
		}
		key := strings.ToLower(email.ValueString())
		if seen, ok := first[key]; ok {
			pairs = append(pairs, [2]string{seen, label})
			continue
		}
		first[key] = label
	}
	return pairs
}

// membersPlannedWhole leaves the members unknown to the framework's plan, for ModifyPlan to plan them
// whole from the configuration. The framework's walk of a map of nested attributes copies the whole map
// twice for every member (fwserver.mapElemObject reads each member's configuration and state through
// MapValue.Elements, a copy): quadratic, 50 million map entries copied and collected for 5,000 members.
// It is the map's counterpart of the set paths in hashicorp/terraform-plugin-framework#1322 and #775,
// and is skipped when the planned map is unknown. Nothing is lost by skipping it: the members' only plan
// modifier, the warning of a past access time, runs in ModifyPlan, and every attribute the configuration
// may leave out has a default (withDefaults). Members unknown in the configuration are left to the framework.
type membersPlannedWhole struct{}

func (membersPlannedWhole) Description(context.Context) string {
	return "plans the members whole from the configuration, in the resource's ModifyPlan"
}

func (m membersPlannedWhole) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (membersPlannedWhole) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	if req.PlanValue.IsNull() || req.PlanValue.IsUnknown() || !membersKnown(req.ConfigValue) {
		return
	}
	resp.PlanValue = types.MapUnknown(req.PlanValue.ElementType(ctx))
}

// membersKnown reports whether the configured members and each of them as a whole are known.
func membersKnown(members types.Map) bool {
	if members.IsNull() || members.IsUnknown() {
		return false
	}
	for _, m := range members.Elements() {
		if m.IsUnknown() {
			return false
		}
	}
	return true
}

// ModifyPlan plans the members from the configuration (see membersPlannedWhole): it carries a member
// over to the label that now holds its address, refuses to deactivate a pending invitation, and plans a
// new invitation for every member who is new to the workspace or whose invitation expired. The
// configuration and the state are each read once, whatever the number of members.
func (r *InvitationsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var prior map[string]memberModel
	if !req.State.Raw.IsNull() {
		state, _ := readInvitations(ctx, req.State, &resp.Diagnostics)
		prior = state.Members
	}
	if req.Plan.Raw.IsNull() {
		if !req.State.Raw.IsNull() && !resp.Diagnostics.HasError() {
			warnTokenOwnerLockoutOfMembers(r.tokenOwner, prior, nil, &resp.Diagnostics)
		}
		return
	}
	// Members unknown until apply have nothing to carry over yet, and Terraform plans them as unknown anyway.
	config, known := readInvitations(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !known || config.Members == nil {
		return
	}
	plan := InvitationsResourceModel{Members: make(map[string]memberModel, len(config.Members))}
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("id"), &plan.ID)...)
	for label, m := range config.Members {
		plan.Members[label] = withDefaults(m)
		warnPastAccessExpiration(time.Now(), prior[label].AccessExpiresAt.StringValue, m.AccessExpiresAt.StringValue,
			path.Root("members").AtMapKey(label).AtName("access_expires_at"), &resp.Diagnostics)
	}
	if !req.State.Raw.IsNull() {
		warnTokenOwnerLockoutOfMembers(r.tokenOwner, prior, plan.Members, &resp.Diagnostics)
	}
	planMembers(prior, plan.Members, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		writeInvitations(ctx, &resp.Plan, plan, &resp.Diagnostics)
	}
}

// planMembers plans each member in planned from the prior member with the same address, if any.
func planMembers(prior, planned map[string]memberModel, diags *diag.Diagnostics) {
	matches := carriedOver(prior, planned)
	for _, label := range slices.Sorted(maps.Keys(planned)) {
		m := planned[label]
		var stays *memberModel
		if priorLabel, ok := matches[label]; ok {
			p := prior[priorLabel]
			stays = &p
		}
		switch {
		case deactivationRefused(stays, m):
			addDeactivationRefused(diags, path.Root("members").AtMapKey(label).AtName("active"), m.Email.ValueString())
		case stays == nil:
			m.ID, m.Status = types.Int64Unknown(), types.StringUnknown()
		case reinvited(*stays, m):
			addReinvitationWarning(diags, path.Root("members").AtMapKey(label), m.Email.ValueString())
			m.ID, m.Status = types.Int64Unknown(), types.StringUnknown()
		default:
			m.ID, m.Status = stays.ID, plannedStatus(*stays, m)
		}
		planned[label] = m
	}
}

// carriedOver maps each planned label onto the label of the prior member with the same address,
// compared without regard to case, whatever the labels. An unknown address carries nobody over.
func carriedOver(prior, planned map[string]memberModel) map[string]string {
	byEmail := map[string]string{}
	for _, label := range slices.Sorted(maps.Keys(prior)) {
		key := strings.ToLower(prior[label].Email.ValueString())
		if _, seen := byEmail[key]; !seen {
			byEmail[key] = label
		}
	}
	out := map[string]string{}
	for label, m := range planned {
		if m.Email.IsUnknown() || m.Email.IsNull() {
			continue
		}
		if priorLabel, ok := byEmail[strings.ToLower(m.Email.ValueString())]; ok {
			out[label] = priorLabel
		}
	}
	return out
}

// departures sorts out the prior members that no planned member carries over: those who leave the
// workspace, and labels to forget without a request because they name a member who stays under
// another label (one address under two labels, imported before import ids were checked: removing the
// second would remove the member).
func departures(prior map[string]memberModel, matches map[string]string) (leaving, forgotten []string) {
	carried := map[string]bool{}
	staying := map[int64]bool{}
	for _, priorLabel := range matches {
		carried[priorLabel] = true
		staying[prior[priorLabel].ID.ValueInt64()] = true
	}
	for label, m := range prior {
		switch {
		case carried[label]:
		case staying[m.ID.ValueInt64()]:
			forgotten = append(forgotten, label)
		default:
			leaving = append(leaving, label)
		}
	}
	slices.Sort(leaving)
	slices.Sort(forgotten)
	return leaving, forgotten
}

func (r *InvitationsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, _ := readInvitations(ctx, req.Plan, &resp.Diagnostics)
	state, _ := readInvitations(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	matches := carriedOver(state.Members, plan.Members)
	var reinvite []string
	sentAgain := map[string]bool{}
	for label, priorLabel := range matches {
		prior := state.Members[priorLabel]
		if reinvited(prior, plan.Members[label]) {
			reinvite, sentAgain[priorLabel] = append(reinvite, priorLabel), true
		} else if deactivationRefused(&prior, plan.Members[label]) {
			addDeactivationRefused(&resp.Diagnostics, path.Root("members").AtMapKey(label).AtName("active"), prior.Email.ValueString())
		}
	}
	var joining []string
	for label := range plan.Members {
		if priorLabel, stays := matches[label]; !stays || sentAgain[priorLabel] {
			joining = append(joining, label)
		}
	}
	slices.Sort(joining)
	if refuseDeactivations(plan.Members, joining, &resp.Diagnostics) {
		return
	}
	// state is brought forward step by step, so that a failure leaves it true to what was done.
	defer func() {
		writeInvitations(ctx, &resp.State, state, &resp.Diagnostics)
		setIdentity(ctx, resp.Identity, membersIdentity(state.Members), &resp.Diagnostics)
	}()
	leaving, forgotten := departures(state.Members, matches)
	for _, label := range forgotten {
		delete(state.Members, label)
	}
	slices.Sort(reinvite)
	if !r.remove(ctx, state.Members, append(leaving, reinvite...), &resp.Diagnostics) {
		return
	}
	state.Members = carryOver(state.Members, plan.Members, matches)
	if !r.updateStaying(ctx, plan.Members, state.Members, &resp.Diagnostics) {
		return
	}
	r.join(ctx, plan.Members, joining, state.Members, &resp.Diagnostics)
}

// carryOver moves the members who stay to their planned labels, with the planned spelling of their
// address; nothing is sent.
func carryOver(current, planned map[string]memberModel, matches map[string]string) map[string]memberModel {
	moved := make(map[string]memberModel, len(matches))
	for label, priorLabel := range matches {
		if m, ok := current[priorLabel]; ok {
			m.Email = planned[label].Email
			moved[label] = m
		}
	}
	return moved
}

// updateStaying brings the members in current to what is planned for them: names, roles and
// expirations one by one, activations in one request per kind, and then reads back who changed.
func (r *InvitationsResource) updateStaying(ctx context.Context, planned, current map[string]memberModel, diags *diag.Diagnostics) bool {
	touched := map[string]bool{}
	var changes []activationChange
	for _, label := range slices.Sorted(maps.Keys(current)) {
		prior, m := current[label], planned[label]
		touched[label] = updateMembership(ctx, r.client, prior, m, diags)
		if diags.HasError() {
			return false
		}
		if change, ok := activationChangeOf(prior, m); ok {
			changes, touched[label] = append(changes, change), true
		}
	}
	if !setActivations(ctx, r.client, changes, diags) {
		return false
	}
	for _, label := range slices.Sorted(maps.Keys(current)) {
		if !touched[label] {
			// Nothing the API keeps changed: only the notation of the expiration, or active on an expired invitation.
			m := current[label]
			m.AccessExpiresAt, m.Active = planned[label].AccessExpiresAt, planned[label].Active
			current[label] = m
			continue
		}
		user, err := r.client.GetUser(ctx, current[label].ID.ValueInt64())
		if err != nil {
			addAPIError(diags, fmt.Sprintf("Cannot read back the membership of %s", current[label].Email.ValueString()), err)
			return false
		}
		current[label] = invitationModel(user, planned[label])
	}
	return true
}
