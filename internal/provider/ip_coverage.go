package provider

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The lockout guard of synerise_ip_policy and the function ip_allowlist_covers ask one question: does
// an allowlist let every address of a range in? Both read addresses and ranges the same way, here.

// parseAddressOrRange reads an IPv4 or IPv6 address ("203.0.113.7", "2001:db8::1") as the range of that
// one address, or a range in CIDR notation ("203.0.113.0/24", "2001:db8::/48"). An IPv4 address written
// in IPv6 form (::ffff:203.0.113.7) is the IPv4 address, as a server sees it. A range with bits set past
// its length is refused, since it is not clear whether the address or the range was meant.
func parseAddressOrRange(text string) (netip.Prefix, error) {
	if strings.Contains(text, "/") {
		prefix, err := netip.ParsePrefix(text)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/48", text)
		}
		if prefix.Masked() != prefix {
			return netip.Prefix{}, fmt.Errorf("%q has address bits set past its prefix length: write %s for the range, or %s for the one address",
				text, prefix.Masked(), prefix.Addr())
		}
		if prefix.Addr().Is4In6() && prefix.Bits() >= 96 {
			return netip.PrefixFrom(prefix.Addr().Unmap(), prefix.Bits()-96), nil
		}
		return prefix, nil
	}
	address, err := netip.ParseAddr(text)
	if err != nil || address.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address such as 203.0.113.7 or 2001:db8::1 (without a zone), nor a CIDR range such as 203.0.113.0/24", text)
	}
	address = address.Unmap()
	return netip.PrefixFrom(address, address.BitLen()), nil
}

// parseAllowlist reads every entry of an allowlist; the first malformed one is the error.
func parseAllowlist(entries []string) ([]netip.Prefix, error) {
	allowed := make([]netip.Prefix, 0, len(entries))
	for _, entry := range entries {
		prefix, err := parseAddressOrRange(entry)
		if err != nil {
			return nil, err
		}
		allowed = append(allowed, prefix)
	}
	return allowed, nil
}

// allowlistCovers reports whether every address of wanted is in one of the allowed ranges. The ranges
// together may cover it where none does alone (203.0.113.0 and 203.0.113.1 cover 203.0.113.0/31): a
// range that some allowed range lies strictly inside is split in halves, each of which must be covered,
// so the work grows with the number of entries and the prefix length, never with the range's size.
// An IPv4 range is never covered by IPv6 entries, nor the other way round.
func allowlistCovers(allowed []netip.Prefix, wanted netip.Prefix) bool {
	overlapped := false
	for _, entry := range allowed {
		if entry.Addr().BitLen() != wanted.Addr().BitLen() {
			continue
		}
		if entry.Bits() <= wanted.Bits() && entry.Contains(wanted.Addr()) {
			return true
		}
		overlapped = overlapped || entry.Overlaps(wanted)
	}
	if !overlapped || wanted.Bits() == wanted.Addr().BitLen() {
		return false
	}
	lower, upper := halves(wanted)
	return allowlistCovers(allowed, lower) && allowlistCovers(allowed, upper)
}

// halves splits a range that holds more than one address into its lower and upper half.
func halves(whole netip.Prefix) (netip.Prefix, netip.Prefix) {
	bits := whole.Bits() + 1
	lower := netip.PrefixFrom(whole.Addr(), bits)
	raw := whole.Addr().AsSlice()
	raw[whole.Bits()/8] |= 0x80 >> (whole.Bits() % 8)
	upperAddress, _ := netip.AddrFromSlice(raw)
	return lower, netip.PrefixFrom(upperAddress, bits)
}

// uncovered lists, in the order given, the wanted ranges that the allowed ranges leave out.
func uncovered(allowed, wanted []netip.Prefix) []string {
	var out []string
	for _, w := range wanted {
		if !allowlistCovers(allowed, w) {
			out = append(out, describeRange(w))
		}
	}
	return out
}

// describeRange writes a one-address range as the address alone.
func describeRange(p netip.Prefix) string {
	if p.IsSingleIP() {
		return p.Addr().String()
	}
	return p.String()
}

// addressOrRangeValidator accepts what parseAddressOrRange reads.
type addressOrRangeValidator struct{}

func (addressOrRangeValidator) Description(context.Context) string {
	return "must be an IPv4 or IPv6 address, or a CIDR range"
}

func (v addressOrRangeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (addressOrRangeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseAddressOrRange(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid address or range", err.Error()+".")
	}
}
