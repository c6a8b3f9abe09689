package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// wholeNumberType is an int64 attribute that tells a user who wrote 1.5 what is wrong. Terraform's
// number type accepts fractions, and the framework's int64 conversion fails on them with "This is
// always an error in the provider" before any validator runs; this type keeps such a value long
// enough to reject it with a message that names the attribute and the value.
type wholeNumberType struct {
	basetypes.Int64Type
}

var (
	_ basetypes.Int64Typable      = wholeNumberType{}
	_ basetypes.Int64Valuable     = wholeNumber{}
	_ xattr.ValidateableAttribute = wholeNumber{}
)

func (t wholeNumberType) Equal(o attr.Type) bool {
	_, ok := o.(wholeNumberType)
	return ok
}

func (t wholeNumberType) String() string { return "wholeNumberType" }

func (t wholeNumberType) ValueType(context.Context) attr.Value { return wholeNumber{} }

func (t wholeNumberType) ValueFromInt64(_ context.Context, v basetypes.Int64Value) (basetypes.Int64Valuable, diag.Diagnostics) {
	return wholeNumber{Int64Value: v}, nil
}

func (t wholeNumberType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if in.IsKnown() && !in.IsNull() {
		var number *big.Float
		if err := in.As(&number); err != nil {
			return nil, err
		}
		if _, accuracy := number.Int64(); !number.IsInt() || accuracy != big.Exact {
			return wholeNumber{Int64Value: basetypes.NewInt64Unknown(), invalid: number}, nil
		}
	}
	v, err := t.Int64Type.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	number, ok := v.(basetypes.Int64Value)
	if !ok {
		return nil, fmt.Errorf("unexpected value %T from the int64 type", v)
	}
	return wholeNumber{Int64Value: number}, nil
}

// wholeNumber is a value of wholeNumberType; invalid holds a number of the configuration that is
// not a 64-bit integer, which ValidateAttribute then refuses.
type wholeNumber struct {
	basetypes.Int64Value
	invalid *big.Float
}

func newWholeNumber(v int64) wholeNumber { return wholeNumber{Int64Value: basetypes.NewInt64Value(v)} }

func (v wholeNumber) Type(context.Context) attr.Type { return wholeNumberType{} }

func (v wholeNumber) Equal(o attr.Value) bool {
	other, ok := o.(wholeNumber)
	if !ok || (v.invalid == nil) != (other.invalid == nil) {
		return false
	}
	if v.invalid != nil {
		return v.invalid.Cmp(other.invalid) == 0
	}
	return v.Int64Value.Equal(other.Int64Value)
}

func (v wholeNumber) ToTerraformValue(ctx context.Context) (tftypes.Value, error) {
	if v.invalid != nil {
		return tftypes.NewValue(tftypes.Number, v.invalid), nil
	}
	return v.Int64Value.ToTerraformValue(ctx)
}

func (v wholeNumber) String() string {
	if v.invalid != nil {
		return v.invalid.String()
	}
	return v.Int64Value.String()
}

func (v wholeNumber) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.invalid == nil {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Not a whole number",
		fmt.Sprintf("%s must be a whole number such as 8, got %s.", req.Path, v.invalid.Text('g', -1)))
}
