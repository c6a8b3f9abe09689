package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/review"
)

// exitUnmanaged is the exit code of unmanaged when the workspace holds access the state does not manage.
const exitUnmanaged = 3

// The usage of unmanaged, which the command's own usage repeats.
const (
	unmanagedSynopsis = "synerise-access-review unmanaged [-exceptions FILE] [-format markdown|json] [STATE.json | -]"
	// unmanagedReads follows "reads": what unmanaged reads and reports.
	unmanagedReads = "terraform show -json (the state: no plan file; from stdin without a file or with -) and, through the API " +
		"(" + envAPIURL + ", " + envAPIToken + "), the workspace, and reports the members, roles and role groups the state does not manage"
	unmanagedExitCodes = "Exit codes of unmanaged: 0 nothing unmanaged, 1 the state, the exceptions or the API failed, 2 bad usage, " +
		"3 something is unmanaged (the report is written first)."
)

// unmanagedRequest is what the command line of unmanaged asks for.
type unmanagedRequest struct {
	statePath, exceptionsPath, format string
}

// runUnmanaged reports the members, roles and role groups of the workspace that the state does not
// manage: the state from terraform show -json, the workspace through the API.
func runUnmanaged(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	req, code, ok := parseUnmanaged(args, stderr)
	if !ok {
		return code
	}
	fail := func(code int, err error) int {
		fmt.Fprintf(stderr, "synerise-access-review unmanaged: %v\n", err)
		return code
	}
	exceptions := review.Exceptions{}
	if req.exceptionsPath != "" {
		var err error
		if exceptions, err = readFrom(req.exceptionsPath, nil, review.ReadExceptions); err != nil {
			return fail(exitFailed, err)
		}
	}
	state, err := readFrom(req.statePath, stdin, review.ReadState)
	if err != nil {
		return fail(exitFailed, err)
	}
	client, err := newClient(getenv)
	if errors.Is(err, errNoToken) {
		return fail(exitUsage, fmt.Errorf("%w to read the workspace", err))
	} else if err != nil {
		return fail(exitUsage, err)
	}
	workspace, err := readWorkspace(ctx, client)
	if err != nil {
		return fail(exitFailed, explainAPIError(err, apiURL(getenv)))
	}
	report := review.FindUnmanaged(state, workspace, exceptions)
	if req.format == "json" {
		err = report.WriteJSON(stdout)
	} else {
		_, err = io.WriteString(stdout, report.Markdown())
	}
	if err != nil {
		return fail(exitFailed, err)
	}
	if report.Stale.Count() > 0 {
		fmt.Fprintf(stderr, "synerise-access-review unmanaged: exceptions of %s that match nothing unmanaged, to remove: %s\n",
			req.exceptionsPath, report.Stale)
	}
	if n := report.Unmanaged(); n > 0 {
		fmt.Fprintf(stderr, "synerise-access-review unmanaged: the state does not manage %d of the workspace's members, roles and role groups\n", n)
		return exitUnmanaged
	}
	return exitOK
}

// parseUnmanaged reads the command line of unmanaged; when it is not ok, the command ends with code.
func parseUnmanaged(args []string, stderr io.Writer) (req unmanagedRequest, code int, ok bool) {
	flags := flag.NewFlagSet("synerise-access-review unmanaged", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&req.exceptionsPath, "exceptions", "", "leave out of the report what the JSON `FILE` accepts, each entry with its reason")
	flags.StringVar(&req.format, "format", "markdown", "write the report as `markdown|json`")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: "+unmanagedSynopsis)
		fmt.Fprintln(stderr, "Reads "+unmanagedReads+".")
		fmt.Fprintln(stderr, unmanagedExitCodes)
		fmt.Fprintln(stderr, `The exceptions file: {"members": [{"email": "...", "reason": "..."}], `+
			`"roles": [{"name": "...", "group": "...", "reason": "..."} or {"id": 42, "reason": "..."}], `+
			`"role_groups": [{"name": "...", "reason": "..."} or {"id": 7, "reason": "..."}]}`)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return req, exitOK, false
		}
		return req, exitUsage, false
	}
	switch {
	case req.format != "markdown" && req.format != "json":
		fmt.Fprintf(stderr, "synerise-access-review unmanaged: -format is markdown or json, got %q\n", req.format)
	case flags.NArg() > 1:
		fmt.Fprintf(stderr, "synerise-access-review unmanaged: one state at a time, got %d arguments\n", flags.NArg())
	default:
		req.statePath = flags.Arg(0)
		return req, exitOK, true
	}
	flags.Usage()
	return req, exitUsage, false
}

// readFrom reads the file at path with read, or stdin when path is empty or "-" and stdin is not nil.
func readFrom[T any](path string, stdin io.Reader, read func(io.Reader) (T, error)) (T, error) {
	if stdin != nil && (path == "" || path == "-") {
		v, err := read(stdin)
		if err != nil {
			return v, fmt.Errorf("standard input: %w", err)
		}
		return v, nil
	}
	var zero T
	file, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer file.Close()
	v, err := read(file)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// readWorkspace reads the members of every status, the role groups and their roles.
func readWorkspace(ctx context.Context, client *iam.Client) (review.Workspace, error) {
	users, err := client.ListUsers(ctx, iam.UserFilter{Status: iam.UserStatusAll})
	if err != nil {
		return review.Workspace{}, err
	}
	groups, err := client.ListRoleGroupsWithRoles(ctx)
	if err != nil {
		return review.Workspace{}, err
	}
	var ws review.Workspace
	roleNames := map[int64]string{}
	for _, g := range groups {
		ws.RoleGroups = append(ws.RoleGroups, review.WorkspaceRoleGroup{ID: g.ID, Name: g.Name})
		for _, r := range g.Roles {
			ws.Roles = append(ws.Roles, review.WorkspaceRole{ID: r.ID, Name: r.Name, Group: g.Name})
			roleNames[r.ID] = r.Name
		}
	}
	for _, u := range users {
		member := review.WorkspaceMember{ID: u.ID, Email: u.Email, Status: u.Status, Roles: []string{}}
		for _, r := range u.Roles {
			member.Roles = append(member.Roles, roleName(r, roleNames))
		}
		ws.Members = append(ws.Members, member)
	}
	return ws, nil
}

// roleName names a role of a member: as the user listing names it, else as the groups do, else by id.
func roleName(r iam.UserRole, names map[int64]string) string {
	switch {
	case r.Name != "":
		return r.Name
	case names[r.ID] != "":
		return names[r.ID]
	default:
		return "role " + strconv.FormatInt(r.ID, 10)
	}
}

// explainAPIError says what a failure to read the workspace means and what to do about it.
func explainAPIError(err error, baseURL string) error {
	var apiErr *iam.Error
	var timeout *iam.TimeoutError
	var transport *url.Error
	switch {
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("the API at %s refused the token (401 Unauthorized): check %s, which may have expired or belong to another workspace; %w",
			baseURL, envAPIToken, err)
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden && apiErr.Permission != "":
		return fmt.Errorf("the token may not read the workspace: give its API key the permission %s; %w", apiErr.Permission, err)
	case errors.As(err, &timeout):
		return fmt.Errorf("the API at %s did not answer: check %s and the network; %w", baseURL, envAPIURL, err)
	case errors.As(err, &transport):
		return fmt.Errorf("cannot reach the API at %s: check %s and the network; %w", baseURL, envAPIURL, err)
	}
	return fmt.Errorf("cannot read the workspace through the API at %s: %w", baseURL, err)
}
