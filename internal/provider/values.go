package provider

import (
	"context"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func int64Set(values []int64) types.Set {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.Int64Value(v))
	}
	return types.SetValueMust(types.Int64Type, elems)
}

func int64Elements(ctx context.Context, set types.Set, diags *diag.Diagnostics) []int64 {
	values := make([]int64, 0, len(set.Elements()))
	diags.Append(set.ElementsAs(ctx, &values, false)...)
	return values
}

func stringList(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}

// stringSet tolerates repeated values, which a Terraform set cannot hold.
func stringSet(values []string) types.Set {
	unique := slices.Compact(slices.Sorted(slices.Values(values)))
	elems := make([]attr.Value, 0, len(unique))
	for _, v := range unique {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// sameModel reports whether two models of one type hold equal values in every field. A Read that finds
// the object as the state has it leaves the state alone with it: the framework's own State.Set would
// reflect over the whole model, which in a refresh of thousands of resources is a good part of the
// provider's own allocations.
func sameModel[T any](a, b T) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		x, ok := va.Field(i).Interface().(attr.Value)
		y, _ := vb.Field(i).Interface().(attr.Value)
		if !ok || !x.Equal(y) {
			return false
		}
	}
	return true
}
