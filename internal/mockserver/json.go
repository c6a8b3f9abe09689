package mockserver

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The values are the mock's own types, which always encode; a failed write means the client left.
	_ = json.NewEncoder(w).Encode(v)
}

// decodeBody reads a JSON request body into v. The API description has checked the body already;
// decoding strictly still refuses what a lax description would let through. An absent body leaves v
// as it is, for the operations whose body is optional.
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return badRequest("Malformed request body: %v", err)
	}
	return nil
}

// optional is a request field that remembers whether the request carried it, so that an update can
// keep what the request left out. A JSON null is carried, with no value.
type optional[T any] struct {
	set   bool
	value *T
}

func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		o.value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.value = &v
	return nil
}

// apply stores a carried value in dst; a carried null stores the zero value.
func (o optional[T]) apply(dst *T) {
	if !o.set {
		return
	}
	var zero T
	*dst = zero
	if o.value != nil {
		*dst = *o.value
	}
}

// applyNullable stores a carried value in dst; a carried null clears it.
func (o optional[T]) applyNullable(dst **T) {
	if o.set {
		*dst = o.value
	}
}
