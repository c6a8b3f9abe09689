package iam

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// The workspace's settings objects (such as /sauth/settings/ban or /uauth/settings/password-policy)
// are singletons: a GET reads the object and a POST replaces it whole, so a field the POST leaves out
// is reset to its default. The client knows no object's fields: its caller describes each object once
// (in the provider, its settings spec) and sends every field. Objects travel as JSON objects whose
// numbers stay json.Number, so that no integer is rounded through float64 on its way back.

// ReadSettings reads the settings object at path, such as "/sauth/settings/ban".
func (c *Client) ReadSettings(ctx context.Context, path string) (map[string]any, error) {
	a, err := c.exchange(ctx, request{method: http.MethodGet, path: path, idempotent: true})
	if err != nil {
		return nil, err
	}
	return a.decodeObject()
}

// ReplaceSettings replaces the settings object at path with object, which should carry every field,
// and returns the object as the API stored it. Sending the same object twice leaves the same result,
// so the request may be retried. An answer that is not the stored object (no body or another media
// type, as the reference allows for some of these writes, or an object without a field that was sent)
// is followed by a read.
func (c *Client) ReplaceSettings(ctx context.Context, path string, object map[string]any) (map[string]any, error) {
	a, err := c.exchange(ctx, request{method: http.MethodPost, path: path, body: object, idempotent: true})
	if err != nil {
		return nil, err
	}
	if stored, err := a.decodeObject(); err == nil && hasEveryKey(stored, object) {
		return stored, nil
	}
	return c.ReadSettings(ctx, path)
}

// decodeObject reads the answer as one JSON object, numbers as json.Number.
func (a answer) decodeObject() (map[string]any, error) {
	decoder := json.NewDecoder(bytes.NewReader(a.body))
	decoder.UseNumber()
	var object map[string]any
	err := decoder.Decode(&object)
	if err == nil {
		if _, extra := decoder.Token(); !errors.Is(extra, io.EOF) {
			err = errors.New("more than one JSON value")
		}
	}
	if err == nil && object == nil {
		err = errors.New("null where an object was expected")
	}
	if err != nil {
		return nil, &answerError{method: a.method, path: a.path, err: err,
			problem: fmt.Sprintf("%d with a body that is not a JSON object (%v); body starts with %q", a.status, err, excerpt(a.body))}
	}
	return object, nil
}

func hasEveryKey(object, keys map[string]any) bool {
	for k := range keys {
		if _, ok := object[k]; !ok {
			return false
		}
	}
	return true
}
