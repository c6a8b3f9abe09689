package iam

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// CheckBaseURL refuses a base URL that would send the token in clear text: anything but https, except
// plain http to a loopback host (a mock or a tunnel on this machine).
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not an absolute URL such as %s", raw, DefaultBaseURL)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%q uses plain http to a host that is not loopback; the token would cross the network in clear text. Use https", raw)
	default:
		return fmt.Errorf("%q must use https (or http to a loopback host)", raw)
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
