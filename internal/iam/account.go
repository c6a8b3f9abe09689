package iam

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Account is the user a token belongs to, as GET /uauth/users/my-account names them. Either field is
// empty when the answer does not name it.
type Account struct {
	ID    int64
	Email string
}

// Named reports whether the answer named the user at all.
func (a Account) Named() bool { return a.ID != 0 || a.Email != "" }

// Whoami asks whom the token belongs to. A success proves what every other request needs: the base URL
// reaches the API and the API accepts the token. The request is a read, retried like any other.
//
// The reference gives the answer's media type only, not its body (the API description's User is an
// assumption), so an answer that names nobody (no body, another media type, an object without an id
// or an email) is a success with a zero Account, never an error.
func (c *Client) Whoami(ctx context.Context) (Account, error) {
	a, err := c.exchange(ctx, request{method: http.MethodGet, path: "/uauth/users/my-account", idempotent: true})
	if err != nil {
		return Account{}, err
	}
	var named struct {
		ID    json.RawMessage `json:"id"`
		Email string          `json:"email"`
	}
	// What is not a JSON object names nobody, and leaves named empty.
	_ = json.Unmarshal(a.body, &named)
	// A number, or a number in a string; anything else names no id.
	id, err := strconv.ParseInt(strings.Trim(string(named.ID), `"`), 10, 64)
	if err != nil {
		id = 0
	}
	return Account{ID: id, Email: named.Email}, nil
}
