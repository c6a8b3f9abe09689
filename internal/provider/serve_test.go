package provider

import (
	"maps"
	"testing"
)

func TestSilenceDiscardedLogs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{
			name: "nobody asked for logs",
			env:  map[string]string{},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER": "OFF"},
		},
		{
			name: "an explicit subsystem level wins",
			env:  map[string]string{"TF_LOG_SDK_FRAMEWORK": "TRACE"},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "TRACE", "TF_LOG_PROVIDER": "OFF"},
		},
		{
			name: "Terraform keeps logs",
			env:  map[string]string{"TF_LOG": "DEBUG"},
			want: map[string]string{"TF_LOG": "DEBUG"},
		},
		{
			name: "Terraform keeps the provider's logs",
			env:  map[string]string{"TF_LOG_PROVIDER": "INFO"},
			want: map[string]string{"TF_LOG_PROVIDER": "INFO"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := maps.Clone(tt.env)
			silenceDiscardedLogs(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if !maps.Equal(env, tt.want) {
				t.Errorf("environment = %v, want %v", env, tt.want)
			}
		})
	}
}
