package review

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

var update = flag.Bool("update", false, "rewrite the golden summaries (and, in the acceptance tests, the plans) in testdata")

// TestGoldenSummaries renders every plan in testdata and compares it with its golden summary: the
// plans of scripts/review-plans.sh and those the acceptance tests wrote.
func TestGoldenSummaries(t *testing.T) {
	t.Parallel()
	plans, err := filepath.Glob(filepath.Join("testdata", "*.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) < 2 {
		t.Fatalf("want the plans of scripts/review-plans.sh and of the acceptance tests in testdata, found %v", plans)
	}
	for _, path := range plans {
		name := strings.TrimSuffix(filepath.Base(path), ".plan.json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			summary, err := Summarize(context.Background(), readPlanFile(t, path), Options{})
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", name+".md"), summary.Markdown())
		})
	}
}

// readPlanFile reads the plan JSON at path.
func readPlanFile(t *testing.T, path string) *tfjson.Plan {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	plan, err := ReadPlan(file)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// compareGolden compares got with the golden file, or rewrites it with -update.
func compareGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("the summary differs from %s (rewrite it with -update after checking the change):\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

func TestReadPlanRefusesWhatIsNotAPlan(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, input, want string
	}{
		{"nothing", "  \n", "the input is empty; want the output of terraform show -json PLANFILE"},
		{"the text of terraform plan", "Terraform will perform the following actions:", "the input is not JSON"},
		{"truncated JSON", `{"format_version": "1.2", "planned_values": {`, "the input is not JSON"},
		{"another JSON document", `{"name": "x"}`, "the input is JSON but not a plan (it has no format_version)"},
		{"a state", `{"format_version": "1.0", "values": {"root_module": {}}}`, "the input is a state, not a plan: terraform show -json without a plan file is the state; run terraform show -json PLANFILE"},
		{"a format of another major version", `{"format_version": "2.0", "planned_values": {}}`, `cannot read the plan of format version "2.0"`},
		{"a plan that errored", `{"format_version": "1.2", "planned_values": {}, "errored": true}`, "the plan errored"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadPlan(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadPlan: error %v, want one containing %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "terraform show -json PLANFILE") && tt.name != "a plan that errored" {
				t.Errorf("the error %q does not say what input is wanted", err)
			}
		})
	}
}

func summarize(t *testing.T, planJSON string, opts Options) *Summary {
	t.Helper()
	plan, err := ReadPlan(strings.NewReader(planJSON))
	if err != nil {
		t.Fatal(err)
	}
	summary, err := Summarize(context.Background(), plan, opts)
	if err != nil {
		t.Fatal(err)
	}
	return summary
}

func TestNoAccessChanges(t *testing.T) {
	t.Parallel()
	summary := summarize(t, `{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": [
		{"address": "synerise_role.x", "mode": "managed", "type": "synerise_role", "name": "x",
		 "change": {"actions": ["no-op"], "before": {"id": 1, "name": "X"}, "after": {"id": 1, "name": "X"}}},
		{"address": "data.synerise_users.all", "mode": "data", "type": "synerise_users", "name": "all",
		 "change": {"actions": ["read"], "before": null, "after": {}}}
	], "complete": true}`, Options{})
	if got, want := summary.Markdown(), "## Access review\n\nNo access changes.\n"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

// Types the review does not know are listed, those of other providers counted; neither breaks it.
func TestUnknownResourceTypes(t *testing.T) {
	t.Parallel()
	summary := summarize(t, `{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": [
		{"address": "synerise_future_thing.x", "mode": "managed", "type": "synerise_future_thing", "name": "x",
		 "change": {"actions": ["create"], "before": null, "after": {"weird": [1, {"a": null}]}, "after_unknown": {"id": true}}},
		{"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a",
		 "change": {"actions": ["delete"], "before": {"bucket": "a"}, "after": null}},
		{"address": "module.m.aws_s3_bucket.b", "module_address": "module.m", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
		 "change": {"actions": ["create"], "before": null, "after": {"bucket": "b"}}}
	]}`, Options{})
	markdown := summary.Markdown()
	for _, want := range []string{
		"Changes: 1 other resource. Nothing needs attention.",
		"- not reviewed, a type this tool does not know: `synerise_future_thing.x (created)`",
		"- 2 resources of other providers, not reviewed here: `aws_s3_bucket` (2)",
	} {
		if !strings.Contains(markdown, want) {
			t.Errorf("the summary lacks %q:\n%s", want, markdown)
		}
	}
}

// A role the plan cannot name is named by Options.RoleNames when given, and by its id otherwise; an
// admin-like name found so counts for the rule.
func TestRoleNamesFromTheAPI(t *testing.T) {
	t.Parallel()
	const plan = `{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": [
		{"address": "synerise_invitation.x", "mode": "managed", "type": "synerise_invitation", "name": "x",
		 "change": {"actions": ["create"], "before": null, "after": {"email": "x@example.com", "role_ids": [42]}, "after_unknown": {"id": true}}}
	]}`
	unnamed := summarize(t, plan, Options{})
	if got := unnamed.Members[0].Roles; got != "role 42" {
		t.Errorf("roles without the API = %q, want role 42", got)
	}
	if len(unnamed.Findings) != 0 {
		t.Errorf("findings without the API = %v, want none", unnamed.Findings)
	}
	named := summarize(t, plan, Options{RoleNames: func(context.Context) (map[int64]string, error) {
		return map[int64]string{42: "Workspace Owner"}, nil
	}})
	if got := named.Members[0].Roles; got != "Workspace Owner" {
		t.Errorf("roles with the API = %q, want Workspace Owner", got)
	}
	if len(named.Findings) != 1 || named.Findings[0].Rule != RuleAdminRoleGranted {
		t.Errorf("findings with the API = %v, want one %s", named.Findings, RuleAdminRoleGranted)
	}

	failing := Options{RoleNames: func(context.Context) (map[int64]string, error) { return nil, errors.New("401 Unauthorized") }}
	p, err := ReadPlan(strings.NewReader(plan))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Summarize(context.Background(), p, failing); err == nil || !strings.Contains(err.Error(), "cannot look up the names of roles [42] through the API: 401 Unauthorized") {
		t.Errorf("Summarize with a failing API: error %v", err)
	}
}

// The README shows the drift review and the unmanaged report of make review-demo as they are: a change
// to either golden must be copied there.
func TestReadmeShowsTheDemoReports(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, golden := range []string{"drift-refresh-only.md", "demo-unmanaged.md"} {
		report, err := os.ReadFile(filepath.Join("testdata", golden))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(readme), "```markdown\n"+string(report)+"```\n") {
			t.Errorf("README.md does not show testdata/%s as it is: copy it into the README's fenced block", golden)
		}
	}
}
