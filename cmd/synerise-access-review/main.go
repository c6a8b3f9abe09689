// Command synerise-access-review summarises the access changes of a Terraform plan as Markdown, for a
// pull-request comment: members, roles, personal data, settings, and what needs attention.
//
//	terraform show -json plan.tfplan | synerise-access-review [-fail-on-attention] [-fail-on-drift] [-api]
//		[-org-domains LIST | -org-domains-file FILE] [PLAN.json]
//
// Exit codes: 0 done, 1 the plan cannot be read or reviewed, 2 bad usage, 3 something needs
// attention and -fail-on-attention is set, 4 something changed outside Terraform (the plan's
// resource_drift, as a refresh-only plan shows it) and -fail-on-drift is set; 3 wins over 4.
//
// Its subcommand unmanaged reports, in Markdown or JSON, the members, roles and role groups of the
// workspace (read through the API) that the state does not manage, less the exceptions a file accepts:
//
//	terraform show -json | synerise-access-review unmanaged [-exceptions FILE] [-format markdown|json] [STATE.json]
//
// Exit codes: 0 nothing unmanaged, 1 the state, the exceptions or the API failed, 2 bad usage, 3
// something is unmanaged (the report is written first).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/review"
)

// version is set by the release build (goreleaser's ldflags).
var version = "dev"

// The provider's environment variables, so that a CI job that plans can review with the same ones.
const (
	envAPIURL   = "SYNERISE_API_URL"
	envAPIToken = "SYNERISE_API_TOKEN"
)

const (
	exitOK        = 0
	exitFailed    = 1
	exitUsage     = 2
	exitAttention = 3
	exitDrift     = 4
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) > 0 && args[0] == "unmanaged" {
		return runUnmanaged(ctx, args[1:], stdin, stdout, stderr, getenv)
	}
	flags := flag.NewFlagSet("synerise-access-review", flag.ContinueOnError)
	flags.SetOutput(stderr)
	failOnAttention := flags.Bool("fail-on-attention", false, "exit 3 when something needs attention")
	failOnDrift := flags.Bool("fail-on-drift", false, "exit 4 when something changed outside Terraform (for a scheduled terraform plan -refresh-only)")
	useAPI := flags.Bool("api", false, "name the roles the plan cannot through the API, with "+envAPIURL+" and "+envAPIToken)
	showVersion := flags.Bool("version", false, "print the version and exit")
	organisation := newOrgDomains(flags)
	flags.Usage = func() { printUsage(stderr, flags) }
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *showVersion {
		fmt.Fprintln(stdout, "synerise-access-review", version)
		return exitOK
	}
	if flags.NArg() > 1 {
		fmt.Fprintf(stderr, "synerise-access-review: one plan at a time, got %d arguments\n", flags.NArg())
		flags.Usage()
		return exitUsage
	}

	plan, err := readFrom(flags.Arg(0), stdin, review.ReadPlan)
	if err != nil {
		fmt.Fprintf(stderr, "synerise-access-review: %v\n", err)
		return exitFailed
	}

	opts := review.Options{OrganisationDomains: organisation.domains}
	if *useAPI {
		names, err := apiRoleNames(getenv)
		if err != nil {
			fmt.Fprintf(stderr, "synerise-access-review: -api: %v\n", err)
			return exitUsage
		}
		opts.RoleNames = names
	}
	summary, err := review.Summarize(ctx, plan, opts)
	if err != nil {
		fmt.Fprintf(stderr, "synerise-access-review: %v\n", err)
		return exitFailed
	}
	if _, err := io.WriteString(stdout, summary.Markdown()); err != nil {
		fmt.Fprintf(stderr, "synerise-access-review: %v\n", err)
		return exitFailed
	}
	return verdict(summary, *failOnAttention, *failOnDrift, stderr)
}

// verdict is the exit code of a review written: what needs attention first, then drift, as the flags ask.
func verdict(summary *review.Summary, failOnAttention, failOnDrift bool, stderr io.Writer) int {
	if failOnAttention && len(summary.Findings) > 0 {
		fmt.Fprintf(stderr, "synerise-access-review: %d findings need attention (-fail-on-attention)\n", len(summary.Findings))
		return exitAttention
	}
	if failOnDrift && summary.Drift.Found() {
		fmt.Fprintln(stderr, "synerise-access-review: the workspace changed outside Terraform (-fail-on-drift)")
		return exitDrift
	}
	return exitOK
}

func printUsage(stderr io.Writer, flags *flag.FlagSet) {
	fmt.Fprintln(stderr, "usage: synerise-access-review [-fail-on-attention] [-fail-on-drift] [-api] [-org-domains LIST | -org-domains-file FILE] [PLAN.json | -]")
	fmt.Fprintln(stderr, "       "+unmanagedSynopsis)
	fmt.Fprintln(stderr, "Reads terraform show -json PLANFILE (from stdin without a file or with -) and writes a Markdown review of its access changes.")
	fmt.Fprintln(stderr, "Exit codes: 0 done, 1 the plan cannot be read or reviewed, 2 bad usage, 3 something needs attention and -fail-on-attention is set,"+
		" 4 something changed outside Terraform and -fail-on-drift is set (3 wins over 4).")
	fmt.Fprintln(stderr, "unmanaged reads "+unmanagedReads+" (synerise-access-review unmanaged -h for its flags).")
	fmt.Fprintln(stderr, unmanagedExitCodes)
	flags.PrintDefaults()
}

// apiRoleNames names roles through the API of the workspace the environment names, as the provider does.
func apiRoleNames(getenv func(string) string) (review.RoleNames, error) {
	client, err := newClient(getenv)
	if errors.Is(err, errNoToken) {
		return nil, fmt.Errorf("%w to name roles through the API", err)
	}
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) (map[int64]string, error) {
		roles, err := client.ListAvailableRoles(ctx)
		if err != nil {
			return nil, err
		}
		names := make(map[int64]string, len(roles))
		for _, r := range roles {
			names[r.ID] = r.Name
		}
		return names, nil
	}, nil
}

// errNoToken is newClient's answer when the environment holds no token; callers say what it is for.
var errNoToken = fmt.Errorf("set %s (and %s, unless it is %s)", envAPIToken, envAPIURL, iam.DefaultBaseURL)

// apiRetries is how the client repeats failed requests: as the provider does by default. Tests
// shorten the waits, so that an unreachable API fails fast.
var apiRetries = iam.Config{MaxRetries: iam.DefaultMaxRetries}

// newClient is a client of the workspace that the environment names, as the provider reads it.
func newClient(getenv func(string) string) (*iam.Client, error) {
	token := getenv(envAPIToken)
	if token == "" {
		return nil, errNoToken
	}
	baseURL := apiURL(getenv)
	if err := iam.CheckBaseURL(baseURL); err != nil {
		return nil, err
	}
	cfg := apiRetries
	cfg.BaseURL, cfg.Token, cfg.UserAgent = baseURL, token, "synerise-access-review/"+version
	return iam.New(cfg)
}

// apiURL is the API's address, as the environment names it.
func apiURL(getenv func(string) string) string {
	if url := getenv(envAPIURL); url != "" {
		return url
	}
	return iam.DefaultBaseURL
}
