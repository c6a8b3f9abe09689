// Package permissions states once which permission the API reference names for each operation of the
// API, and which operations each Terraform type of the provider uses in each of its steps. The client
// names the permission in its 403 errors, the docs show it on every page, and the access review lists
// what a plan's apply needs, all from here. It imports nothing of the project.
package permissions

//go:generate go run ./gen -o operations_gen.go ../../api/openapi.yaml

import (
	"slices"
	"strings"
)

// Operation is one operation of the API description (api/openapi.yaml).
type Operation struct {
	// ID is the operationId.
	ID     string
	Method string
	// Path is the path template, such as /uauth/roles/role/{roleId}.
	Path string
	// Permissions are those the reference names, of which the token's user needs any one; none when it names none.
	Permissions []string
}

// Permission is how a person reads the operation's permissions: "settings_users: read", or "a or b"
// when any one of several will do; "" when the reference names none.
func (o Operation) Permission() string {
	return strings.Join(o.Permissions, " or ")
}

// Operations returns every operation of the API description, sorted by path and method.
func Operations() []Operation {
	return slices.Clone(operations)
}

// OperationByID returns the operation of that operationId.
func OperationByID(id string) (Operation, bool) {
	i := slices.IndexFunc(operations, func(o Operation) bool { return o.ID == id })
	if i < 0 {
		return Operation{}, false
	}
	return operations[i], true
}

// ForRequest returns the permission a request needs (see Operation.Permission), or "" when the
// reference names none or the request matches no operation. A path segment in braces matches any one
// segment; where several templates match, the one with more literal segments wins, so that
// /uauth/users/activate is not taken for /uauth/users/{userId}.
func ForRequest(method, path string) string {
	segments := strings.Split(path, "/")
	best, bestLiterals := -1, -1
	for i, o := range operations {
		if o.Method != method {
			continue
		}
		if literals, ok := match(strings.Split(o.Path, "/"), segments); ok && literals > bestLiterals {
			best, bestLiterals = i, literals
		}
	}
	if best < 0 {
		return ""
	}
	return operations[best].Permission()
}

// match reports whether the template's segments match the path's, and how many of them are literal.
func match(template, segments []string) (int, bool) {
	if len(template) != len(segments) {
		return 0, false
	}
	literals := 0
	for i, t := range template {
		switch {
		case strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}"):
			if segments[i] == "" {
				return 0, false
			}
		case t == segments[i]:
			literals++
		default:
			return 0, false
		}
	}
	return literals, true
}
