package provider

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

const testToken = "acceptance-test-token"

// testWorkspace is one acceptance test's own mock API, so tests run in parallel without sharing state.
type testWorkspace struct {
	mock   *mockserver.Server
	url    string
	client *iam.Client
}

func newTestWorkspace(t *testing.T) *testWorkspace {
	t.Helper()
	return newTestWorkspaceWith(t, mockserver.Options{})
}

// newTestWorkspaceWith starts a mock with opts; the token is always testToken.
func newTestWorkspaceWith(t *testing.T, opts mockserver.Options) *testWorkspace {
	t.Helper()
	opts.Token = testToken
	mock := mockserver.New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	client, err := iam.New(iam.Config{BaseURL: srv.URL, Token: testToken, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return &testWorkspace{mock: mock, url: srv.URL, client: client}
}

// config prefixes a configuration with the provider block for this workspace.
func (w *testWorkspace) config(body string) string {
	return fmt.Sprintf(`
provider "synerise" {
  api_url   = %q
  api_token = %q
}
%s`, w.url, testToken, body)
}

var testProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"synerise": providerserver.NewProtocol6WithError(New("test")()),
}
