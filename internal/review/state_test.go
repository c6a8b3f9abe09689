package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadStateRefusesWhatIsNotAState(t *testing.T) {
	t.Parallel()
	plan, err := os.ReadFile(filepath.Join("testdata", "workspace.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, input, want string
	}{
		{"nothing", " \n", "the input is empty; want the output of terraform show -json, run without a plan file"},
		{"the text of terraform show", "# synerise_role.x:\nresource \"synerise_role\" \"x\" {", "the input is not JSON"},
		{"truncated JSON", `{"format_version": "1.0", "values": {`, "the input is not JSON"},
		{"another JSON document", `{"name": "x"}`, "the input is JSON but not a state (it has no format_version)"},
		{"a plan the real CLI wrote", string(plan),
			"the input is a plan, not a state: terraform show -json PLANFILE is a plan; run terraform show -json without a plan file"},
		{"a plan without planned values", `{"format_version": "1.2", "resource_changes": []}`, "the input is a plan, not a state"},
		{"the raw state file", `{"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "x", "outputs": {}, "resources": []}`,
			"the input is the raw state file (terraform.tfstate)"},
		{"a format of another major version", `{"format_version": "2.0", "values": {}}`, `cannot read the state of format version "2.0"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadState(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadState: error %v, want one containing %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "terraform show -json") || !strings.Contains(err.Error(), "without a plan file") {
				t.Errorf("the error %q does not say what input is wanted", err)
			}
		})
	}
}

// A state of a configuration that was never applied has no values; it is a state that manages nothing.
func TestReadStateOfNothingApplied(t *testing.T) {
	t.Parallel()
	state, err := ReadState(strings.NewReader(`{"format_version": "1.0"}`))
	if err != nil {
		t.Fatal(err)
	}
	if report := FindUnmanaged(state, Workspace{}, Exceptions{}); report.SyneriseResources != 0 {
		t.Errorf("synerise resources = %d, want 0", report.SyneriseResources)
	}
}
