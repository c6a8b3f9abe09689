// Package api holds the OpenAPI description of the Synerise IAM API, transcribed from the API
// reference by scripts/openapi-from-reference.py. Every choice it makes where the reference is
// silent is marked "ASSUMPTION:" and x-assumption: true.
package api

import _ "embed"

// OpenAPI is the description as YAML. The mock server validates every request against it; the API
// client must not depend on it, so that a mistake shared by both cannot hide.
//
//go:embed openapi.yaml
var OpenAPI []byte
