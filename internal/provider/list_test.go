package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// listTestCase runs query steps against w's workspace. The first step only configures the provider:
// a query runs in a configuration that has one, and the list blocks of each query step name it.
func listTestCase(w *testWorkspace, steps ...tfresource.TestStep) tfresource.TestCase {
	return tfresource.TestCase{
		// Query steps run whatever the CLI; list blocks need Terraform 1.14.
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps:                    append([]tfresource.TestStep{{Config: w.config("")}}, steps...),
	}
}

// listBlock is a list block of typeName labelled "found", with body inside it.
func listBlock(typeName, body string) string {
	return fmt.Sprintf("list %q \"found\" {\n  provider = synerise\n%s\n}\n", typeName, body)
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
