package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// attributeGetter is what plans, configurations and states share.
type attributeGetter interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

func getAttribute(ctx context.Context, from attributeGetter, f settingField) (attr.Value, diag.Diagnostics) {
	p := path.Root(f.Attr)
	switch f.Kind {
	case settings.Bool:
		var v types.Bool
		return v, from.GetAttribute(ctx, p, &v)
	case settings.Int:
		var v wholeNumber
		return v, from.GetAttribute(ctx, p, &v)
	case settings.StringMap:
		var v types.Map
		return v, from.GetAttribute(ctx, p, &v)
	case settings.StringSet:
		var v types.Set
		return v, from.GetAttribute(ctx, p, &v)
	default:
		var v types.String
		return v, from.GetAttribute(ctx, p, &v)
	}
}

// toJSON renders a known, non-null attribute value as the API's JSON value.
func toJSON(ctx context.Context, f settingField, v attr.Value, diags *diag.Diagnostics) any {
	switch value := v.(type) {
	case types.Bool:
		return value.ValueBool()
	case wholeNumber:
		return value.ValueInt64()
	case types.Map:
		out := map[string]string{}
		diags.Append(value.ElementsAs(ctx, &out, false)...)
		return out
	case types.Set:
		out := []string{}
		diags.Append(value.ElementsAs(ctx, &out, false)...)
		slices.Sort(out)
		return out
	case types.String:
		return value.ValueString()
	}
	diags.AddError("Unexpected attribute type", fmt.Sprintf("%s has type %T. This is a bug in the provider; please report it.", f.Attr, v))
	return nil
}

// fromJSON reads the API's JSON value as an attribute value; a missing or null value becomes the
// attribute's empty value, so that state never holds unknowns.
func fromJSON(f settingField, v any, diags *diag.Diagnostics) attr.Value {
	switch f.Kind {
	case settings.Bool:
		b, _ := v.(bool)
		return types.BoolValue(b)
	case settings.Int:
		n, _ := v.(json.Number)
		i, err := n.Int64()
		if n != "" && err != nil {
			diags.AddError("Unexpected answer from the API", fmt.Sprintf("%s is %q, not an integer.", f.JSON, n))
		}
		return newWholeNumber(i)
	case settings.StringMap:
		elems := map[string]attr.Value{}
		m, _ := v.(map[string]any)
		for k, e := range m {
			s, _ := e.(string)
			elems[k] = types.StringValue(s)
		}
		return types.MapValueMust(types.StringType, elems)
	case settings.StringSet:
		list, _ := v.([]any)
		values := make([]string, 0, len(list))
		for _, e := range list {
			s, _ := e.(string)
			values = append(values, s)
		}
		return stringSet(values)
	default:
		if v == nil {
			return types.StringNull()
		}
		s, _ := v.(string)
		return types.StringValue(s)
	}
}
