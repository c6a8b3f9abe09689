package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const teamSeed = `{
  "version": 1,
  "roleGroups": [{"id": 5, "name": "Engineering", "roles": [{"id": 9, "name": "Developer"}]}],
  "users": [{"email": "dev@example.com", "roles": [9]}]
}`

// output is what the mock prints, read while it runs.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

var listening = regexp.MustCompile(`listening on (http://[0-9.:]+)`)

// mockProcess is the command running in the test, as a script runs it.
type mockProcess struct {
	url  string
	out  *output
	stop func() error
}

// start runs the command with args and env until the test stops it (SIGINT's context ends).
func start(t *testing.T, args []string, env map[string]string) *mockProcess {
	t.Helper()
	env["MOCK_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(t.Context())
	out := &output{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, func(name string) string { return env[name] }, out) }()
	stop := func() error {
		cancel()
		return <-done
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			return &mockProcess{url: m[1], out: out, stop: stop}
		}
		select {
		case err := <-done:
			t.Fatalf("the mock stopped before listening: %v; output %q", err, out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("the mock did not listen within 10s; output %q", out.String())
	return nil
}

func (m *mockProcess) get(t *testing.T, path string, out any) {
	t.Helper()
	m.do(t, http.MethodGet, path, "", out)
}

func (m *mockProcess) do(t *testing.T, method, path, body string, out any) {
	t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, m.url+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer mock-token")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: status %d, body %s", method, path, res.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
}

type groupDoc struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Roles []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"roles"`
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSeedThenDumpOnStop starts the command with -seed, changes the workspace over the API, stops it
// as SIGINT would, and requires -dump to hold the seed and the change, in a snapshot that seeds again.
func TestSeedThenDumpOnStop(t *testing.T) {
	t.Parallel()
	seedPath := writeFile(t, "seed.json", teamSeed)
	dumpPath := filepath.Join(t.TempDir(), "dump.json")
	m := start(t, []string{"-seed", seedPath, "-dump", dumpPath}, map[string]string{})
	if !strings.Contains(m.out.String(), "workspace seeded from "+seedPath) {
		t.Errorf("output %q does not say where the workspace came from", m.out.String())
	}

	var groups []groupDoc
	m.get(t, "/uauth/roles/listing", &groups)
	if len(groups) != 1 || groups[0].ID != 5 || len(groups[0].Roles) != 1 || groups[0].Roles[0].Name != "Developer" {
		t.Fatalf("role groups %+v, want the seed's Engineering with Developer", groups)
	}
	m.do(t, http.MethodPost, "/uauth/roles/role", `{"group": 5, "name": "Reviewer"}`, nil)
	if _, err := os.Stat(dumpPath); !os.IsNotExist(err) {
		t.Errorf("the dump exists before the mock stopped: %v", err)
	}

	if err := m.stop(); err != nil {
		t.Fatalf("stopping: %v", err)
	}
	if !strings.Contains(m.out.String(), "workspace dumped to "+dumpPath) {
		t.Errorf("output %q does not say where the dump went", m.out.String())
	}
	data, err := os.ReadFile(dumpPath)
	if err != nil {
		t.Fatal(err)
	}
	var dumped struct {
		Version    int        `json:"version"`
		TokenOwner string     `json:"tokenOwner"`
		RoleGroups []groupDoc `json:"roleGroups"`
		Users      []struct {
			Email string `json:"email"`
		} `json:"users"`
	}
	if err := json.Unmarshal(data, &dumped); err != nil {
		t.Fatalf("the dump is not JSON: %v\n%s", err, data)
	}
	if dumped.Version != 1 || dumped.TokenOwner != "admin@example.com" || len(dumped.RoleGroups) != 1 ||
		len(dumped.RoleGroups[0].Roles) != 2 || dumped.RoleGroups[0].Roles[1].Name != "Reviewer" || len(dumped.Users) != 2 {
		t.Errorf("dump %s, want version 1, Engineering with Developer and Reviewer, dev@ and the added admin@", data)
	}

	// The dump seeds the next run: the workspace goes on where it stopped.
	again := start(t, []string{"-seed", dumpPath}, map[string]string{})
	t.Cleanup(func() { _ = again.stop() })
	var after []groupDoc
	again.get(t, "/uauth/roles/listing", &after)
	if len(after) != 1 || len(after[0].Roles) != 2 || after[0].Roles[1].ID != 10 {
		t.Errorf("role groups seeded from the dump %+v, want Engineering with Developer (9) and Reviewer (10)", after)
	}
}

func TestSeedFromTheEnvironmentAndFlagsWinOverIt(t *testing.T) {
	t.Parallel()
	fromEnv := writeFile(t, "env.json", teamSeed)
	fromFlag := writeFile(t, "flag.json", `{"version": 1, "roleGroups": [{"name": "From the flag"}]}`)

	m := start(t, nil, map[string]string{"MOCK_SEED": fromEnv})
	var groups []groupDoc
	m.get(t, "/uauth/roles/listing", &groups)
	if err := m.stop(); err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups[0].Name != "Engineering" {
		t.Errorf("with MOCK_SEED: role groups %+v, want the seed's Engineering", groups)
	}

	m = start(t, []string{"-seed", fromFlag}, map[string]string{"MOCK_SEED": fromEnv})
	m.get(t, "/uauth/roles/listing", &groups)
	if err := m.stop(); err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups[0].Name != "From the flag" {
		t.Errorf("with -seed and MOCK_SEED: role groups %+v, want the flag's", groups)
	}

	// MOCK_DUMP asks for a dump as -dump does.
	dumpPath := filepath.Join(t.TempDir(), "dump.json")
	m = start(t, nil, map[string]string{"MOCK_DUMP": dumpPath})
	if err := m.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dumpPath); err != nil {
		t.Errorf("MOCK_DUMP: %v", err)
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	bad := writeFile(t, "bad.json", `{"version": 1, "roleGroups": [{"name": "G", "rolez": []}]}`)
	for name, c := range map[string]struct {
		args []string
		env  map[string]string
		want string
	}{
		"seed with a typo":  {[]string{"-seed", bad}, nil, "seed " + bad + `: roleGroups[0]: unknown field "rolez"`},
		"missing seed":      {[]string{"-seed", "/nonexistent/seed.json"}, nil, "seed: open /nonexistent/seed.json: no such file or directory"},
		"bad seed from env": {nil, map[string]string{"MOCK_SEED": bad}, `unknown field "rolez"`},
		"unknown flag":      {[]string{"-sed", "x.json"}, nil, "flag provided but not defined: -sed"},
		"stray argument":    {[]string{"seed.json"}, nil, `unexpected arguments ["seed.json"]: the mock takes flags only`},
		"bad answers":       {nil, map[string]string{"MOCK_ANSWERS": "rich"}, `MOCK_ANSWERS: want assumed or sparse, got "rich"`},
		"bad latency":       {nil, map[string]string{"MOCK_LATENCY": "fast"}, "MOCK_LATENCY: time: invalid duration"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"MOCK_ADDR": "127.0.0.1:0"}
			for k, v := range c.env {
				env[k] = v
			}
			var out bytes.Buffer
			err := run(t.Context(), c.args, func(name string) string { return env[name] }, &out)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			if strings.Contains(out.String(), "listening") {
				t.Errorf("the mock listened although it refused to start: %q", out.String())
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(t.Context(), []string{"-version"}, func(string) string { return "" }, &out); err != nil {
		t.Fatal(err)
	}
	// Under go test the module has no version: the release build sets one with ldflags.
	if got := out.String(); got != "synerise-mock (devel)\n" {
		t.Errorf("-version printed %q", got)
	}

	out.Reset()
	if err := run(t.Context(), []string{"-h"}, func(string) string { return "" }, &out); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-h: error %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"-seed file", "-dump file", "env MOCK_SEED", "env MOCK_DUMP", "-version"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-h does not mention %q:\n%s", want, out.String())
		}
	}
}
