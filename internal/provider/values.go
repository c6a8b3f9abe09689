package provider

import (
	"context"

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
