package mockserver

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const testToken = "test-token"

// testAPI is one test's own mock server and a bare HTTP client for it: the tests speak JSON by hand,
// so they share no structs with the project's API client.
type testAPI struct {
	t    *testing.T
	mock *Server
	url  string
}

func newTestAPI(t *testing.T) *testAPI {
	t.Helper()
	return newTestAPIWith(t, Options{Token: testToken})
}

func newTestAPIWith(t *testing.T, opts Options) *testAPI {
	t.Helper()
	mock := New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return &testAPI{t: t, mock: mock, url: srv.URL}
}

// response is an answer of the mock.
type response struct {
	status int
	header http.Header
	body   []byte
}

// decode unmarshals the body into out, failing the test when it is not JSON of that shape.
func (r response) decode(t *testing.T, out any) {
	t.Helper()
	if err := json.Unmarshal(r.body, out); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

// message returns the message of an error document.
func (r response) message(t *testing.T) string {
	t.Helper()
	var e struct {
		Message string `json:"message"`
	}
	r.decode(t, &e)
	return e.Message
}

// call sends a request with the accepted token. body is sent as is when it is a string, else as JSON.
func (a *testAPI) call(method, path string, body any) response {
	a.t.Helper()
	return a.send(method, path, body, map[string]string{"Authorization": "Bearer " + testToken})
}

func (a *testAPI) send(method, path string, body any, header map[string]string) response {
	a.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(a.t.Context(), method, a.url+path, reader)
	if err != nil {
		a.t.Fatal(err)
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	out := response{status: res.StatusCode, header: res.Header, body: data}
	// Every answer of a route, refusals included, must be one the description documents, unless the
	// server contradicts the description's assumptions on purpose.
	if _, pattern := a.mock.api.match(req); pattern != "" && len(a.mock.contradicted) == 0 {
		a.checkResponse(pattern, path, out)
	}
	return out
}

// expect sends a request with the token, requires the status and decodes the body into out unless out is nil.
func (a *testAPI) expect(method, path string, body any, status int, out any) response {
	a.t.Helper()
	res := a.call(method, path, body)
	if res.status != status {
		a.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, res.status, status, res.body)
	}
	if out != nil {
		res.decode(a.t, out)
	}
	return res
}

// expectError requires an error document with the status, and returns its message.
func (a *testAPI) expectError(method, path string, body any, status int) string {
	a.t.Helper()
	res := a.expect(method, path, body, status, nil)
	var e struct {
		Timestamp string `json:"timestamp"`
		Status    int    `json:"status"`
		Error     string `json:"error"`
		Message   string `json:"message"`
		Path      string `json:"path"`
	}
	res.decode(a.t, &e)
	if e.Status != status || e.Error != http.StatusText(status) || e.Message == "" || e.Timestamp == "" {
		a.t.Errorf("%s %s: error document %s does not describe status %d", method, path, res.body, status)
	}
	if want, _, _ := strings.Cut(path, "?"); e.Path != want {
		a.t.Errorf("%s %s: error document names path %q", method, path, e.Path)
	}
	return e.Message
}

// Shapes the tests read, written from the project's notes on response bodies.
type (
	roleDoc struct {
		ID          int64  `json:"id"`
		Name        string `json:"name"`
		Description string `json:"description"`
		Group       int64  `json:"group"`
	}
	roleGroupDoc struct {
		ID          int64     `json:"id"`
		Name        string    `json:"name"`
		Description string    `json:"description"`
		Roles       []roleDoc `json:"roles"`
	}
	userDoc struct {
		ID     int64  `json:"id"`
		Email  string `json:"email"`
		Status string `json:"status"`
		Roles  []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"roles"`
		FirstName            string  `json:"firstName"`
		LastName             string  `json:"lastName"`
		AccessExpirationDate *string `json:"accessExpirationDate"`
		Phone                *string `json:"phone"`
		Language             *string `json:"language"`
	}
	pageDoc[T any] struct {
		Content       []T   `json:"content"`
		TotalElements int64 `json:"totalElements"`
		TotalPages    int   `json:"totalPages"`
		Number        int   `json:"number"`
		Size          int   `json:"size"`
		First         bool  `json:"first"`
		Last          bool  `json:"last"`
	}
)

func (a *testAPI) groups() []roleGroupDoc {
	a.t.Helper()
	var groups []roleGroupDoc
	a.expect(http.MethodGet, "/uauth/roles/listing", nil, http.StatusOK, &groups)
	return groups
}

func (a *testAPI) createRole(group int64, name string) roleDoc {
	a.t.Helper()
	var r roleDoc
	a.expect(http.MethodPost, "/uauth/roles/role", map[string]any{"group": group, "name": name, "description": name + " role"}, http.StatusOK, &r)
	return r
}

func (a *testAPI) invite(email string, roles ...int64) userDoc {
	a.t.Helper()
	if roles == nil {
		roles = []int64{}
	}
	var u userDoc
	a.expect(http.MethodPost, "/uauth/users/invitations/invite",
		map[string]any{"email": email, "firstName": "First", "lastName": "Last", "roles": roles}, http.StatusOK, &u)
	return u
}
