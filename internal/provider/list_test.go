package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// testQueries runs query steps against w's workspace. The first step only configures the provider:
// a query runs in a configuration that has one, and the list blocks of each query step name it. The
// request counts start after it, so that expectRequestsStep counts what the queries sent.
func testQueries(t *testing.T, w *testWorkspace, steps ...tfresource.TestStep) {
	t.Helper()
	configured := tfresource.TestStep{
		Config: w.config(""),
		Check:  func(*terraform.State) error { w.mock.ResetCounts(); return nil },
	}
	tfresource.ParallelTest(t, tfresource.TestCase{
		// Query steps run whatever the CLI; list blocks need Terraform 1.14.
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps:                    append([]tfresource.TestStep{configured}, steps...),
	})
}

// listBlock is a list block of typeName labelled "found", with body inside it.
func listBlock(typeName, body string) string {
	return fmt.Sprintf("list %q \"found\" {\n  provider = synerise\n%s\n}\n", typeName, body)
}

// found is what the list block of one resource type labelled "found" returns, as the checks of a
// query step see it. An object is named by its identity (idOf for the numbered ones).
type found string

func (f found) address() string { return string(f) + ".found" }

// query is a step that runs the list block with body, and checks what it returns.
func (f found) query(body string, checks ...querycheck.QueryResultCheck) tfresource.TestStep {
	return tfresource.TestStep{Query: true, Config: listBlock(string(f), body), QueryResultChecks: checks}
}

func (f found) count(n int) querycheck.QueryResultCheck {
	return querycheck.ExpectLength(f.address(), n)
}

func (f found) includes(identity map[string]knownvalue.Check) querycheck.QueryResultCheck {
	return querycheck.ExpectIdentity(f.address(), identity)
}

// named checks the display name of the object of that identity.
func (f found) named(identity map[string]knownvalue.Check, displayName string) querycheck.QueryResultCheck {
	return querycheck.ExpectResourceDisplayName(f.address(), queryfilter.ByResourceIdentity(identity), knownvalue.StringExact(displayName))
}

// holding checks the attributes of the resource of that identity, which the block must include.
func (f found) holding(identity map[string]knownvalue.Check, attributes map[string]knownvalue.Check) querycheck.QueryResultCheck {
	values := make([]querycheck.KnownValueCheck, 0, len(attributes))
	for _, name := range slices.Sorted(maps.Keys(attributes)) {
		values = append(values, querycheck.KnownValueCheck{Path: tfjsonpath.New(name), KnownValue: attributes[name]})
	}
	return querycheck.ExpectResourceKnownValues(f.address(), queryfilter.ByResourceIdentity(identity), values)
}

// idOf is the identity of a numbered object.
func idOf(id int64) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"id": knownvalue.Int64Exact(id)}
}

// expectRequestsStep checks, after the query steps before it, how many requests the routes received
// since the counts were last reset; it plans a configuration with no resources, which sends none.
func expectRequestsStep(w *testWorkspace, want map[string]int) tfresource.TestStep {
	return tfresource.TestStep{
		Config: w.config(""),
		Check:  func(*terraform.State) error { return w.expectRequests(want) },
	}
}

// Every resource type lists its objects but synerise_invitations, whose members are listed one by one
// as synerise_invitation, and synerise_mfa_requirement, which the API cannot read.
func TestListResources_everyReadableType(t *testing.T) {
	var want []string
	for _, name := range registeredResourceTypes(t) {
		if name != "synerise_invitations" && name != "synerise_mfa_requirement" {
			want = append(want, name)
		}
	}
	var got []string
	for _, factory := range listResourceFactories(t) {
		meta := &resource.MetadataResponse{}
		factory().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "synerise"}, meta)
		schema := &list.ListResourceSchemaResponse{}
		factory().ListResourceConfigSchema(context.Background(), list.ListResourceSchemaRequest{}, schema)
		if schema.Schema.Description == "" {
			t.Errorf("the list resource %s has no description", meta.TypeName)
		}
		got = append(got, meta.TypeName)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("list resources %v, want %v", got, want)
	}
}
