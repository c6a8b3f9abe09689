package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// mockProcess is the standalone mock API.
type mockProcess struct {
	cmd *exec.Cmd
	url string
	// latency is what the mock waits before it answers each request.
	latency time.Duration
}

func startMock(ctx context.Context, bin string, latency time.Duration) (*mockProcess, error) {
	// The mock is stopped by stop(), with an interrupt, rather than killed with the context.
	cmd := exec.CommandContext(context.WithoutCancel(ctx), bin)
	cmd.Env = append(os.Environ(), "MOCK_ADDR=127.0.0.1:0", "MOCK_LATENCY="+latency.String())
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := readLine(stdout)
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("the mock API did not start: %w", err)
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("the mock API printed %q, not its URL", line)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return &mockProcess{cmd: cmd, url: strings.Fields(line[i:])[0], latency: latency}, nil
}

func readLine(r io.Reader) (string, error) {
	var line []byte
	b := make([]byte, 1)
	for {
		if _, err := r.Read(b); err != nil {
			return string(line), err
		}
		if b[0] == '\n' {
			return string(line), nil
		}
		line = append(line, b[0])
	}
}

func (m *mockProcess) stop() {
	_ = m.cmd.Process.Signal(os.Interrupt)
	_ = m.cmd.Wait()
}

func (m *mockProcess) resetCounts(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, m.url+"/_mock/counts", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// mockCounts is what the mock received since its counts were reset.
type mockCounts struct {
	Total  int            `json:"total"`
	Routes map[string]int `json:"routes"`
	// IDLists are the requests of the routes that take a list of ids, one by one.
	IDLists map[string][]idList `json:"idLists"`
}

func (m *mockProcess) counts(ctx context.Context) (mockCounts, error) {
	var c mockCounts
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.url+"/_mock/counts", nil)
	if err != nil {
		return c, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return c, err
	}
	defer resp.Body.Close()
	return c, json.NewDecoder(resp.Body).Decode(&c)
}

// roleID looks up the id of the seeded role called name.
func (m *mockProcess) roleID(ctx context.Context, name string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.url+"/uauth/users/available-roles", nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer mock-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var roles []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&roles); err != nil {
		return 0, fmt.Errorf("the mock's available roles: %w", err)
	}
	for _, role := range roles {
		if role.Name == name {
			return role.ID, nil
		}
	}
	return 0, fmt.Errorf("the mock has no role %q", name)
}
