package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	tfjson "github.com/hashicorp/terraform-json"
)

// wantedState is what every error about a state ends with, so a user sees how to make a valid one.
const wantedState = "want the output of terraform show -json, run without a plan file in the configuration's directory"

// ReadState decodes a state as terraform show -json writes it without a plan file, numbers kept
// exact. It refuses what is not such a state: another JSON document, a plan, the raw state file, a
// state format of another major version.
func ReadState(r io.Reader) (*tfjson.State, error) {
	var probe struct {
		FormatVersion   string          `json:"format_version"`
		PlannedValues   json.RawMessage `json:"planned_values"`
		ResourceChanges json.RawMessage `json:"resource_changes"`
		// Version and Resources are the keys of the raw state file, terraform.tfstate.
		Version   json.RawMessage `json:"version"`
		Resources json.RawMessage `json:"resources"`
	}
	raw, err := readDocument(r, "state", wantedState, "terraform show", &probe)
	if err != nil {
		return nil, err
	}
	switch {
	case probe.PlannedValues != nil || probe.ResourceChanges != nil:
		return nil, errors.New("the input is a plan, not a state: terraform show -json PLANFILE is a plan; run terraform show -json without a plan file")
	case probe.FormatVersion == "" && probe.Version != nil && probe.Resources != nil:
		return nil, errors.New("the input is the raw state file (terraform.tfstate), whose format Terraform does not promise; " + wantedState)
	case probe.FormatVersion == "":
		return nil, errors.New("the input is JSON but not a state (it has no format_version); " + wantedState)
	}
	state := new(tfjson.State)
	state.UseJSONNumber(true)
	if err := state.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("cannot read the state of format version %q: %w; %s from Terraform or OpenTofu 1.x", probe.FormatVersion, err, wantedState)
	}
	return state, nil
}
