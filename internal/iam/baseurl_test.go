package iam

import (
	"strings"
	"testing"
)

func TestCheckBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url     string
		wantErr string
	}{
		{url: "https://api.synerise.com"},
		{url: "http://127.0.0.1:8080"},
		{url: "http://localhost:8080"},
		{url: "http://[::1]:8080"},
		{url: "http://127.0.0.2"},
		{url: "http://api.synerise.com", wantErr: "not loopback"},
		{url: "http://10.0.0.1:8080", wantErr: "not loopback"},
		{url: "ftp://api.synerise.com", wantErr: "must use https"},
		{url: "api.synerise.com", wantErr: "not an absolute URL"},
	}
	for _, tt := range tests {
		err := CheckBaseURL(tt.url)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("CheckBaseURL(%q) = %v, want no error", tt.url, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("CheckBaseURL(%q) = %v, want an error containing %q", tt.url, err, tt.wantErr)
		}
	}
}
