package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/synerise-oss/terraform-provider-synerise/api"
)

// The committed table is what the generator makes of the committed description: a change of
// api/openapi.yaml that go generate did not carry into the table fails here.
func TestGeneratedTableIsCurrent(t *testing.T) {
	want, err := render(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../operations_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("internal/permissions/operations_gen.go is stale: run `go generate ./internal/permissions` and commit it")
	}
}

func TestPermissionsOfRefusesWhatIsNotAPermission(t *testing.T) {
	for _, extension := range []any{42, []any{"settings_users: read", 7}} {
		if _, err := permissionsOf(extension); err == nil {
			t.Errorf("permissionsOf(%#v) accepted it", extension)
		}
	}
	got, err := permissionsOf([]any{"settings_users: read", "analytics: read"})
	if err != nil || len(got) != 2 || got[1] != "analytics: read" {
		t.Errorf("permissionsOf(list) = %v, %v", got, err)
	}
}
