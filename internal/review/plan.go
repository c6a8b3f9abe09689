package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	tfjson "github.com/hashicorp/terraform-json"
)

// wanted is what every error about the input ends with, so a user sees how to make a valid one.
const wanted = "want the output of terraform show -json PLANFILE"

// ReadPlan decodes a plan as terraform show -json PLANFILE writes it. It refuses what is not such a
// plan (another JSON document, a state, a plan format of another major version) and a plan that
// errored, whose changes are not those an apply would make.
func ReadPlan(r io.Reader) (*tfjson.Plan, error) {
	var probe struct {
		FormatVersion string          `json:"format_version"`
		PlannedValues json.RawMessage `json:"planned_values"`
		Values        json.RawMessage `json:"values"`
		// Errored is not in tfjson.Plan: Terraform 1.5 added it to the format.
		Errored bool `json:"errored"`
	}
	raw, err := readDocument(r, "plan", wanted, "terraform plan", &probe)
	if err != nil {
		return nil, err
	}
	switch {
	case probe.FormatVersion == "":
		return nil, errors.New("the input is JSON but not a plan (it has no format_version); " + wanted)
	case probe.PlannedValues == nil && probe.Values != nil:
		return nil, errors.New("the input is a state, not a plan: terraform show -json without a plan file is the state; " +
			"run terraform show -json PLANFILE on a plan saved with terraform plan -out=PLANFILE")
	}
	plan := new(tfjson.Plan)
	plan.UseJSONNumber(true)
	if err := plan.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("cannot read the plan of format version %q: %w; %s from Terraform or OpenTofu 1.x", probe.FormatVersion, err, wanted)
	}
	if probe.Errored {
		return nil, errors.New("the plan errored: Terraform could not finish planning, so it shows only part of what an apply would do; fix the errors terraform plan reported and review the plan it then makes")
	}
	return plan, nil
}

// readDocument reads a document of terraform show -json and decodes into probe what tells its kind. It
// refuses empty input and what is not JSON, each message ending with wanted; notThe is the command
// whose text a user may have given instead.
func readDocument(r io.Reader, what, wanted, notThe string, probe any) ([]byte, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("cannot read the %s: %w", what, err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, errors.New("the input is empty; " + wanted)
	}
	if err := json.Unmarshal(raw, probe); err != nil {
		return nil, fmt.Errorf("the input is not JSON (%w); %s, not the text of %s", err, wanted, notThe)
	}
	return raw, nil
}
