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

func TestPluginGC(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		env   map[string]string
		tuned bool
	}{
		{name: "nothing set", env: map[string]string{}, tuned: true},
		{name: "GOGC set", env: map[string]string{"GOGC": "100"}, tuned: false},
		{name: "GOGC off", env: map[string]string{"GOGC": "off"}, tuned: false},
		{name: "GOMEMLIMIT set", env: map[string]string{"GOMEMLIMIT": "1GiB"}, tuned: false},
		{name: "unrelated variables", env: map[string]string{"TF_LOG": "DEBUG", "GODEBUG": "gctrace=1"}, tuned: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			settings, tuned := pluginGC(func(k string) string { return tt.env[k] })
			if tuned != tt.tuned {
				t.Fatalf("tuned = %v, want %v", tuned, tt.tuned)
			}
			if !tuned {
				if settings != (gcSettings{}) {
					t.Errorf("settings = %+v with the user's own, want none", settings)
				}
				return
			}
			if settings.percent <= 100 {
				t.Errorf("GOGC = %d, want more than the runtime's default of 100", settings.percent)
			}
			if settings.memoryLimit < 64<<20 || settings.memoryLimit > 100<<20 {
				t.Errorf("memory limit = %d MiB, want between 64 and 100 MiB", settings.memoryLimit>>20)
			}
		})
	}
}
