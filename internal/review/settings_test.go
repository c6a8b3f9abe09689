package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// The review knows the settings types only through internal/settings: every catalogued type is
// reviewed as settings under its title, and destroying it says what its on_destroy does in the
// catalogue's words.
func TestEveryCataloguedSettingsTypeIsReviewed(t *testing.T) {
	t.Parallel()
	for _, typ := range settings.All() {
		for _, onDestroy := range typ.OnDestroyValues() {
			t.Run(typ.Name+" "+onDestroy, func(t *testing.T) {
				t.Parallel()
				address := typ.Name + ".this"
				plan := domainsPlan(t, []map[string]any{
					resourceChange(address, []string{"delete"}, map[string]any{"id": typ.ID(), "on_destroy": onDestroy}, nil, nil),
				}, nil, nil)
				summary := summarize(t, plan, Options{})
				effect, _ := typ.Effect(onDestroy)
				if len(summary.Settings) != 1 || summary.Settings[0].Action != fmt.Sprintf("destroyed: on_destroy = %q %s", onDestroy, effect) {
					t.Fatalf("settings %+v, want %s destroyed with the catalogue's effect of %q", summary.Settings, address, onDestroy)
				}
				if !strings.Contains(summary.Markdown(), "**`"+address+"`** ("+typ.Title+"): ") {
					t.Errorf("the review does not name %s by its title %q:\n%s", address, typ.Title, summary.Markdown())
				}
				want := fmt.Sprintf("The resource is destroyed, and on_destroy = %q %s.", onDestroy, effect)
				if !hasFinding(summary, RuleSettingsDestroyed, want) {
					t.Errorf("findings %+v lack %s: %s", summary.Findings, RuleSettingsDestroyed, want)
				}
			})
		}
	}
}

func hasFinding(s *Summary, rule, message string) bool {
	for _, f := range s.Findings {
		if f.Rule == rule && f.Message == message {
			return true
		}
	}
	return false
}
