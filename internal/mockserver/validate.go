package mockserver

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/synerise-oss/terraform-provider-synerise/api"
)

// spec is the project's API description, with its operations indexed by method and path shape.
//
// The ServeMux is the one router: each pattern is paired with the operation whose path has the same
// shape, so kin-openapi's routers are not needed and cannot disagree with it about which route a
// request takes. The shape ignores wildcard names, which may differ between the two: the description
// may use one name where the reference has two for the same segment ({userId} and {ids}).
type spec struct {
	ops     map[string]*routers.Route
	options *openapi3filter.Options
}

// operation is the description of what one ServeMux pattern serves.
type operation struct {
	route *routers.Route
	// params maps the description's path parameter names to the pattern's wildcard names.
	params map[string]string
}

// loadSpec parses the embedded description once for every Server: it never changes, and
// kin-openapi only reads it while validating.
var loadSpec = sync.OnceValues(func() (*spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI)
	if err != nil {
		return nil, fmt.Errorf("loading the API description: %w", err)
	}
	// The document is not validated here: a flaw in it that does not stop the loader must not stop
	// every test of the project. TestDescriptionIsValid reports such flaws.
	sp := &spec{
		ops: map[string]*routers.Route{},
		options: &openapi3filter.Options{
			// The server authenticates requests itself, before validation.
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			// Defaults are the endpoints' business: an update must see what the request left out.
			SkipSettingDefaults: true,
		},
	}
	if !doc.IsOpenAPI31OrLater() {
		// Messages are for API clients: the offending field and the reason, not the schema's dump.
		// (The JSON Schema 2020-12 validator of OpenAPI 3.1 never adds that dump.)
		sp.options.SchemaValidationOptions = []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			sp.ops[shape(method, path)] = &routers.Route{
				Spec: doc, Path: path, PathItem: item, Method: method, Operation: op,
			}
		}
	}
	return sp, nil
})

func mustLoadSpec() *spec {
	sp, err := loadSpec()
	if err != nil {
		panic("mockserver: " + err.Error())
	}
	return sp
}

// shape is the key of an operation: its method and its path with every wildcard unnamed.
func shape(method, path string) string {
	segments := strings.Split(path, "/")
	for i, seg := range segments {
		if _, ok := wildcard(seg); ok {
			segments[i] = "{}"
		}
	}
	return method + " " + strings.Join(segments, "/")
}

func wildcard(segment string) (string, bool) {
	if strings.HasPrefix(segment, "{") && strings.HasSuffix(segment, "}") {
		return strings.TrimSuffix(strings.TrimPrefix(segment, "{"), "}"), true
	}
	return "", false
}

// operation finds the description of a ServeMux pattern ("GET /uauth/roles/{roleId}"); nil when the
// description lacks it.
func (sp *spec) operation(pattern string) *operation {
	method, path, _ := strings.Cut(pattern, " ")
	rt := sp.ops[shape(method, path)]
	if rt == nil {
		return nil
	}
	op := &operation{route: rt, params: map[string]string{}}
	muxSegments := strings.Split(path, "/")
	for i, seg := range strings.Split(rt.Path, "/") {
		if name, ok := wildcard(seg); ok {
			op.params[name], _ = wildcard(muxSegments[i])
		}
	}
	return op
}

// permissions lists the permissions of which a user needs one for the operation (its x-permission).
func (op *operation) permissions() []string {
	if op == nil {
		return nil
	}
	switch p := op.route.Operation.Extensions["x-permission"].(type) {
	case string:
		return []string{p}
	case []any:
		out := make([]string, 0, len(p))
		for _, e := range p {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// sparse reports whether the reference gives the operation's success no JSON body (x-sparse), so
// that the API may answer it with none.
func (op *operation) sparse() bool {
	return op != nil && op.route.Operation.Extensions["x-sparse"] == true
}

// needsAuth reports whether the operation requires the bearer token: unless the description opens
// it (security: []), it does, as does an operation the description lacks.
func (op *operation) needsAuth() bool {
	if op == nil {
		return true
	}
	reqs := op.route.Operation.Security
	if reqs == nil {
		reqs = &op.route.Spec.Security
	}
	return len(*reqs) > 0
}

// validate refuses, with 400 and the validator's message, a request that does not match the
// operation's description: parameters, and the body's fields, types, required fields and enums.
func (s *Server) validate(op *operation) middleware {
	return func(next http.Handler) http.Handler {
		if op == nil {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := openapi3filter.ValidateRequest(r.Context(), s.spec.requestInput(op, r)); err != nil {
				writeError(w, r, http.StatusBadRequest, err.Error())
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// requestInput describes r, which the ServeMux routed to op, for kin-openapi.
func (sp *spec) requestInput(op *operation, r *http.Request) *openapi3filter.RequestValidationInput {
	params := make(map[string]string, len(op.params))
	for name, wildcard := range op.params {
		params[name] = r.PathValue(wildcard)
	}
	return &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: op.route, Options: sp.options}
}
