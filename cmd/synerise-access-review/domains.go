package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// domainName is a domain of two labels or more (a lone "com" would take every .com address for the
// organisation's), with an optional root dot.
var domainName = regexp.MustCompile(`(?i)^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?\.?$`)

// orgDomains are the organisation's email domains from -org-domains or -org-domains-file, checked as
// the flags are parsed, so that a value that is not a domain, or both flags, is bad usage.
type orgDomains struct {
	domains []string
	// from is the flag that gave them.
	from string
}

func newOrgDomains(flags *flag.FlagSet) *orgDomains {
	o := &orgDomains{}
	flags.Func("org-domains", "the organisation's email `domains`, comma-separated, for the rule invitation-outside-organisation "+
		"(a subdomain of one is inside; by default, the domains of the plan's synerise_managed_domain resources)", func(list string) error {
		return o.add("-org-domains", strings.Split(list, ","), func(int) string { return "" })
	})
	flags.Func("org-domains-file", "like -org-domains, from a `file` of one domain a line (blank lines and # comments ignored)", func(path string) error {
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines := strings.Split(string(raw), "\n")
		for i, line := range lines {
			lines[i], _, _ = strings.Cut(line, "#")
		}
		return o.add("-org-domains-file", lines, func(i int) string { return fmt.Sprintf("line %d: ", i+1) })
	})
	return o
}

// add checks values and keeps the domains among them; where says where a value is, for an error.
func (o *orgDomains) add(flag string, values []string, where func(i int) string) error {
	if o.from != "" && o.from != flag {
		return errors.New("give the domains with -org-domains or with -org-domains-file, not both")
	}
	o.from = flag
	found := false
	for i, value := range values {
		value = strings.TrimSpace(value)
		if value == "" {
			continue
		}
		if err := checkDomain(value); err != nil {
			return fmt.Errorf("%s%w", where(i), err)
		}
		o.domains = append(o.domains, value)
		found = true
	}
	if !found {
		return errors.New("no domain in it; give one or more, such as example.com")
	}
	return nil
}

// checkDomain says what is wrong with a value that is not a domain name, in the terms of the mistake.
func checkDomain(value string) error {
	switch {
	case strings.Contains(value, "://"):
		return fmt.Errorf("%q is a URL: give the domain alone, such as example.com", value)
	case strings.Contains(value, "@"):
		return fmt.Errorf("%q is an email address: give its domain alone, such as %s", value, value[strings.LastIndex(value, "@")+1:])
	case strings.ContainsAny(value, " \t\r\v\f"):
		return fmt.Errorf("%q is not one domain: it has a space (give one domain a line, or separate them with commas)", value)
	case !domainName.MatchString(value):
		return fmt.Errorf("%q is not a domain name such as example.com (two labels or more of letters, digits and hyphens, separated by dots)", value)
	}
	return nil
}
