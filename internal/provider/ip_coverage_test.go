package provider

import (
	"context"
	"net/netip"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestAllowlistCovers(t *testing.T) {
	cases := []struct {
		name    string
		allowed []string
		wanted  string
		covers  bool
	}{
		{"the same IPv4 address", []string{"203.0.113.7"}, "203.0.113.7", true},
		{"another IPv4 address", []string{"203.0.113.7"}, "203.0.113.8", false},
		{"an empty allowlist", nil, "203.0.113.7", false},
		{"an IPv4 address in a range", []string{"203.0.113.0/24"}, "203.0.113.200", true},
		{"an IPv4 address outside a range", []string{"203.0.113.0/24"}, "203.0.114.1", false},
		{"a range in a wider range", []string{"198.51.100.0/22"}, "198.51.101.0/24", true},
		{"a range wider than the entry", []string{"198.51.100.0/24"}, "198.51.100.0/23", false},
		{"a range listed address by address", []string{"203.0.113.0", "203.0.113.1", "203.0.113.2", "203.0.113.3"}, "203.0.113.0/30", true},
		{"a range with one address missing", []string{"203.0.113.0", "203.0.113.1", "203.0.113.3"}, "203.0.113.0/30", false},
		{"a range covered by two halves", []string{"192.0.2.0/25", "192.0.2.128/25"}, "192.0.2.0/24", true},
		{"everything by everything", []string{"0.0.0.0/0"}, "0.0.0.0/0", true},
		{"a wide range by a few addresses", []string{"10.0.0.1", "10.0.0.2"}, "10.0.0.0/8", false},
		{"the same IPv6 address", []string{"2001:db8::1"}, "2001:db8::1", true},
		{"an IPv6 address in a range", []string{"2001:db8::/32"}, "2001:db8:1:2::3", true},
		{"an IPv6 range in a range", []string{"2001:db8::/32"}, "2001:db8:ab00::/40", true},
		{"an IPv6 address outside", []string{"2001:db8::/32"}, "2001:db9::1", false},
		{"an IPv6 range listed address by address", []string{"2001:db8::", "2001:db8::1"}, "2001:db8::/127", true},
		{"IPv6 by IPv4 entries", []string{"0.0.0.0/0"}, "2001:db8::1", false},
		{"IPv4 by IPv6 entries", []string{"::/0"}, "203.0.113.7", false},
		{"an IPv4 address written as IPv6", []string{"203.0.113.7"}, "::ffff:203.0.113.7", true},
		{"an IPv4 range written as IPv6", []string{"203.0.113.0/24"}, "::ffff:203.0.113.0/120", true},
	}
	for _, c := range cases {
		allowed, err := parseAllowlist(c.allowed)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		wanted, err := parseAddressOrRange(c.wanted)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := allowlistCovers(allowed, wanted); got != c.covers {
			t.Errorf("%s: %v covers %s: got %v, want %v", c.name, c.allowed, c.wanted, got, c.covers)
		}
	}
}

// The smallest ranges split cleanly at every bit, including across a byte and at the last bit.
func TestHalves(t *testing.T) {
	cases := map[string][2]string{
		"10.0.0.0/8":     {"10.0.0.0/9", "10.128.0.0/9"},
		"10.0.0.0/15":    {"10.0.0.0/16", "10.1.0.0/16"},
		"10.0.0.6/31":    {"10.0.0.6/32", "10.0.0.7/32"},
		"2001:db8::/127": {"2001:db8::/128", "2001:db8::1/128"},
	}
	for whole, want := range cases {
		lower, upper := halves(netip.MustParsePrefix(whole))
		if lower.String() != want[0] || upper.String() != want[1] {
			t.Errorf("halves of %s: got %s and %s, want %s and %s", whole, lower, upper, want[0], want[1])
		}
	}
}

func TestParseAddressOrRange_refusesWhatItCannotRead(t *testing.T) {
	cases := map[string]string{
		"203.0.113":      "is not an IP address",
		"203.0.113.256":  "is not an IP address",
		"example.com":    "is not an IP address",
		"":               "is not an IP address",
		"fe80::1%eth0":   "without a zone",
		"203.0.113.0/33": "is not a CIDR range",
		"203.0.113.0/":   "is not a CIDR range",
		"203.0.113.5/24": "write 203.0.113.0/24 for the range, or 203.0.113.5 for the one address",
	}
	for text, want := range cases {
		_, err := parseAddressOrRange(text)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error saying %q", text, err, want)
		}
	}
}

// The function answers true or false, and a malformed argument is an error naming the argument and the value.
func TestIPAllowlistCoversFunction(t *testing.T) {
	cases := []struct {
		name      string
		ipPolicy  []string
		address   string
		want      bool
		wantError string
	}{
		{"covered", []string{"203.0.113.7", "198.51.100.0/24"}, "198.51.100.9", true, ""},
		{"not covered", []string{"203.0.113.7"}, "198.51.100.9", false, ""},
		{"IPv6 range covered", []string{"2001:db8::/32"}, "2001:db8:5::/48", true, ""},
		{"malformed entry", []string{"203.0.113.7", "office"}, "203.0.113.7", false, `Invalid ip_policy entry: "office" is not an IP address`},
		{"malformed address", []string{"203.0.113.7"}, "203.0.113.7/16", false, `Invalid address: "203.0.113.7/16" has address bits set`},
	}
	for _, c := range cases {
		got, err := runIPAllowlistCovers(c.ipPolicy, c.address)
		switch {
		case c.wantError != "" && (err == nil || !strings.Contains(err.Error(), c.wantError)):
			t.Errorf("%s: got error %v, want one saying %q", c.name, err, c.wantError)
		case c.wantError == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.wantError == "" && got != c.want:
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func runIPAllowlistCovers(ipPolicy []string, address string) (bool, *function.FuncError) {
	ctx := context.Background()
	elements := make([]attr.Value, 0, len(ipPolicy))
	for _, e := range ipPolicy {
		elements = append(elements, types.StringValue(e))
	}
	req := function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{
		types.SetValueMust(types.StringType, elements), types.StringValue(address),
	})}
	resp := function.RunResponse{Result: function.NewResultData(types.BoolUnknown())}
	NewIPAllowlistCoversFunction().Run(ctx, req, &resp)
	if resp.Error != nil {
		return false, resp.Error
	}
	result, _ := resp.Result.Value().(types.Bool)
	return result.ValueBool(), nil
}
