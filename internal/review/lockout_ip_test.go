package review

import (
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func ipPolicyChange(actions tfjson.Actions, before, after, unknown map[string]any) change {
	var b, a any
	if before != nil {
		b = before
	}
	if after != nil {
		a = after
	}
	return newChange(&tfjson.ResourceChange{
		Address: "synerise_ip_policy.this", Mode: tfjson.ManagedResourceMode, Type: "synerise_ip_policy",
		Change: &tfjson.Change{Actions: actions, Before: b, After: a, AfterUnknown: unknown},
	})
}

// ip-allowlist-lockout flags an allowlist in force that lets nobody in, the acknowledgement that
// overrides the provider's guard, and says so where it cannot tell.
func TestIPAllowlistLockoutRule(t *testing.T) {
	update := tfjson.Actions{tfjson.ActionUpdate}
	create := tfjson.Actions{tfjson.ActionCreate}
	open := map[string]any{"enabled": false, "enable_support_subnets": false, "ip_policy": []any{"203.0.113.7"}}
	with := func(changes map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range open {
			out[k] = v
		}
		for k, v := range changes {
			out[k] = v
		}
		return out
	}
	cases := []struct {
		name   string
		change change
		want   []string // parts of the messages, one per finding
	}{
		{"switched on empty", ipPolicyChange(update, open, with(map[string]any{"enabled": true, "ip_policy": []any{}}), nil),
			[]string{"lets no address in and support subnets are off"}},
		{"created on and empty", ipPolicyChange(create, nil, with(map[string]any{"enabled": true, "ip_policy": []any{}}), nil),
			[]string{"lets no address in and support subnets are off"}},
		{"acknowledged", ipPolicyChange(update, open, with(map[string]any{"enabled": true, "ip_policy": []any{}, "lockout_acknowledged": true}), nil),
			[]string{"lockout_acknowledged = true overrides", "lets no address in and support subnets are off"}},
		{"acknowledged with addresses", ipPolicyChange(update, open, with(map[string]any{"enabled": true, "lockout_acknowledged": true}), nil),
			[]string{"lockout_acknowledged = true overrides"}},
		{"on with support subnets", ipPolicyChange(update, open, with(map[string]any{"enabled": true, "enable_support_subnets": true, "ip_policy": []any{}}), nil), nil},
		{"on with an address", ipPolicyChange(update, open, with(map[string]any{"enabled": true}), nil), nil},
		{"off and empty", ipPolicyChange(update, open, with(map[string]any{"ip_policy": []any{}}), nil), nil},
		{"acknowledgement off", ipPolicyChange(update, open, with(map[string]any{"lockout_acknowledged": false}), nil), nil},
		{"enabled known after apply", ipPolicyChange(update, open, with(map[string]any{"enabled": nil, "ip_policy": []any{}}), map[string]any{"enabled": true}),
			[]string{"whether it is in force is known only after apply"}},
		{"support subnets known after apply", ipPolicyChange(create, nil, with(map[string]any{"enabled": true, "enable_support_subnets": nil, "ip_policy": []any{}}), map[string]any{"enable_support_subnets": true}),
			[]string{"whether Synerise's support subnets are let in is known only after apply"}},
		{"addresses known after apply", ipPolicyChange(create, nil, with(map[string]any{"enabled": true, "ip_policy": nil}), map[string]any{"ip_policy": true}), nil},
		{"destroyed", ipPolicyChange(tfjson.Actions{tfjson.ActionDelete}, with(map[string]any{"enabled": true, "ip_policy": []any{}, "lockout_acknowledged": true}), nil, nil), nil},
	}
	for _, c := range cases {
		var got []Finding
		for _, f := range findings(c.change, nil) {
			if f.Rule == RuleIPAllowlistLockout {
				got = append(got, f)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: got %v, want findings saying %q", c.name, got, c.want)
			continue
		}
		for i, want := range c.want {
			if !strings.Contains(got[i].Message, want) || got[i].Address != "synerise_ip_policy.this" {
				t.Errorf("%s: finding %d is %+v, want one saying %q", c.name, i, got[i], want)
			}
		}
	}
}
