package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// foldAfter is how many items a section shows before it folds them into a <details> block, to keep a
// pull-request comment short.
const foldAfter = 8

// Markdown writes the summary for a pull-request comment: counts, what needs attention, what changed
// outside Terraform, then each section of the plan's changes. The same summary always gives the same text.
func (s *Summary) Markdown() string {
	var b strings.Builder
	b.WriteString("## Access review\n\n")
	if s.Incomplete {
		b.WriteString("> Terraform did not plan everything (`-target`, or changes deferred to a later plan): this review covers only what it planned.\n\n")
	}
	if s.RefreshOnly {
		b.WriteString("> A refresh-only plan: it changes nothing in the workspace. Applying it writes what changed outside Terraform into the state, where the next plan no longer shows it.\n\n")
	}
	if s.Empty() {
		b.WriteString("No access changes.")
		if s.RefreshOnly {
			b.WriteString(" Nothing changed outside Terraform.")
		}
		b.WriteString("\n")
		return b.String()
	}
	b.WriteString(s.counts())
	for _, note := range s.Notes {
		b.WriteString("\n> " + note + "\n")
	}
	s.writeFindings(&b)
	s.Drift.write(&b)
	s.write(&b, "###", nil)
	s.writeOtherProviders(&b)
	s.writePermissions(&b)
	return b.String()
}

func (s *Summary) counts() string {
	line := "No access changes."
	if parts := s.countParts(); len(parts) > 0 {
		line = "Changes: " + strings.Join(parts, ", ") + "."
	}
	if parts := s.Drift.countParts(); len(parts) > 0 {
		line += " Changed outside Terraform: " + strings.Join(parts, ", ") + "."
	}
	if len(s.Findings) == 0 {
		return line + " Nothing needs attention.\n"
	}
	return line + " **" + plural(len(s.Findings), "1 finding needs", "findings need") + " attention.**\n"
}

// countParts counts each part that has changes, such as "3 members".
func (c *Changes) countParts() []string {
	return countedParts(
		counted{len(c.Members), "member", "members"},
		counted{len(c.Roles), "role or group", "roles or groups"},
		counted{len(c.PII), "personal-data access", "personal-data accesses"},
		counted{len(c.Settings), "settings resource", "settings resources"},
		counted{len(c.Others) + len(c.Unreviewed), "other resource", "other resources"},
	)
}

// counted is how many there are of one kind, with the kind's name for one and for many.
type counted struct {
	n         int
	one, many string
}

// countedParts writes each kind there is any of, such as "1 member" or "3 members".
func countedParts(counts ...counted) []string {
	var parts []string
	for _, c := range counts {
		if c.n > 0 {
			parts = append(parts, plural(c.n, "1 "+c.one, c.many))
		}
	}
	return parts
}

func (s *Summary) writeFindings(b *strings.Builder) {
	if len(s.Findings) == 0 {
		return
	}
	b.WriteString("\n### Needs attention\n\n| Rule | Resource | What changes |\n|---|---|---|\n")
	for _, f := range s.Findings {
		resource := "`" + cell(f.Address) + "`"
		if f.Drift {
			resource += " (changed outside Terraform)"
		}
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", f.Rule, resource, cell(f.Message))
	}
}

// write describes what changed outside Terraform, in the terms of the plan's changes, each with what
// this plan does about it.
func (d *Drift) write(b *strings.Builder) {
	if !d.Found() {
		return
	}
	b.WriteString("\n### Changed outside Terraform\n\n")
	b.WriteString("Terraform found these changes in the workspace since it last wrote the state: someone made them in the Synerise UI or through the API, outside review. Find out who, and why.\n")
	d.Changes.write(b, "####", d.Fates)
	b.WriteString("\nThe " + settings.MFARequirement.Title + " cannot be read through the API, so a change to it made outside Terraform cannot be seen here.\n")
}

// write writes each part that has changes under headings of the given level; with fates, each change
// also says what the plan does about it.
func (c *Changes) write(b *strings.Builder, level string, fates map[string]Fate) {
	c.writeMembers(b, level, fates)
	c.writeRoles(b, level, fates)
	c.writePII(b, level, fates)
	c.writeSettings(b, level, fates)
	c.writeOthers(b, level, fates)
}

// fateSuffix is ": <what the plan does>" for a change made outside Terraform, nothing for a planned one.
func fateSuffix(fates map[string]Fate, address string) string {
	if fates == nil {
		return ""
	}
	return ": this plan " + string(fates[address])
}

func (c *Changes) writeMembers(b *strings.Builder, level string, fates map[string]Fate) {
	if len(c.Members) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Members\n\n", level)
	rows := []string{"| Member | Change | Roles | Resource |", "|---|---|---|---|"}
	if fates != nil {
		rows = []string{"| Member | Change | Roles | Resource | This plan |", "|---|---|---|---|---|"}
	}
	for _, m := range c.Members {
		row := fmt.Sprintf("| %s | %s | %s | `%s` |", cell(m.Email), cell(m.Change), cell(m.Roles), cell(m.Address))
		if fates != nil {
			row += fmt.Sprintf(" %s |", cell(string(fates[m.Address])))
		}
		rows = append(rows, row)
	}
	fold(b, plural(len(c.Members), "1 member", "members"), len(c.Members), rows)
}

func (c *Changes) writeRoles(b *strings.Builder, level string, fates map[string]Fate) {
	if len(c.Roles) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Roles and groups\n\n", level)
	var rows []string
	for _, r := range c.Roles {
		rows = append(rows, fmt.Sprintf("- %s %s (`%s`)%s", r.Kind, r.Change, r.Address, fateSuffix(fates, r.Address)))
	}
	fold(b, plural(len(c.Roles), "1 role or group", "roles and groups"), len(c.Roles), rows)
}

func (c *Changes) writePII(b *strings.Builder, level string, fates map[string]Fate) {
	if len(c.PII) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Personal data (PII)\n\n", level)
	for _, p := range c.PII {
		verb := "withdrawn** from"
		if p.Granted {
			verb = "granted** to"
		}
		fmt.Fprintf(b, "- **%s %s (`%s`)%s\n", verb, p.Role, p.Address, fateSuffix(fates, p.Address))
	}
}

func (c *Changes) writeSettings(b *strings.Builder, level string, fates map[string]Fate) {
	if len(c.Settings) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Settings\n\n", level)
	var rows []string
	for i, s := range c.Settings {
		if i > 0 {
			rows = append(rows, "")
		}
		action := s.Action
		if fates != nil {
			action = "changed outside Terraform; this plan " + string(fates[s.Address])
		}
		rows = append(rows, fmt.Sprintf("**`%s`** (%s): %s", s.Address, titleOf(typeOf(s.Address)), action))
		if len(s.Rows) > 0 {
			rows = append(rows, "", "| Setting | Before | After |", "|---|---|---|")
			for _, r := range s.Rows {
				rows = append(rows, fmt.Sprintf("| `%s` | %s | %s |", r.Attribute, cell(r.Before), cell(r.After)))
			}
		}
		if len(s.Later) > 0 {
			rows = append(rows, "", "Known after apply (the workspace's present values): "+backticked(s.Later)+".")
		}
	}
	fold(b, plural(len(c.Settings), "1 settings resource", "settings resources"), len(c.Settings), rows)
}

func (c *Changes) writeOthers(b *strings.Builder, level string, fates map[string]Fate) {
	if len(c.Others) == 0 && len(c.Unreviewed) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Other resources\n\n", level)
	for _, o := range c.Others {
		fmt.Fprintf(b, "- %s (`%s`)%s\n", o.Change, o.Address, fateSuffix(fates, o.Address))
	}
	for _, u := range c.Unreviewed {
		fmt.Fprintf(b, "- not reviewed, a type this tool does not know: `%s`\n", u)
	}
}

// writeOtherProviders counts the changes of other providers, under the plan's other resources.
func (s *Summary) writeOtherProviders(b *strings.Builder) {
	if len(s.OtherProviders) == 0 {
		return
	}
	if len(s.Others) == 0 && len(s.Unreviewed) == 0 {
		b.WriteString("\n### Other resources\n\n")
	}
	types := make([]string, 0, len(s.OtherProviders))
	total := 0
	for t, n := range s.OtherProviders {
		types = append(types, fmt.Sprintf("`%s` (%d)", t, n))
		total += n
	}
	sort.Strings(types)
	fmt.Fprintf(b, "- %s of other providers, not reviewed here: %s\n", plural(total, "1 resource", "resources"), strings.Join(types, ", "))
}

// fold writes the rows of items, inside a <details> block when there are many.
func fold(b *strings.Builder, what string, items int, rows []string) {
	if items <= foldAfter {
		b.WriteString(strings.Join(rows, "\n") + "\n")
		return
	}
	fmt.Fprintf(b, "<details><summary>%s</summary>\n\n%s\n\n</details>\n", what, strings.Join(rows, "\n"))
}

// cell makes text safe inside a Markdown table cell.
func cell(text string) string {
	return strings.ReplaceAll(strings.ReplaceAll(text, "|", `\|`), "\n", " ")
}

func backticked(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	return strings.Join(quoted, ", ")
}

// typeOf is the resource type of an address such as module.a.synerise_ip_policy.this.
func typeOf(address string) string {
	parts := strings.Split(address, ".")
	for i := len(parts) - 2; i >= 0; i-- {
		if strings.HasPrefix(parts[i], "synerise_") {
			return parts[i]
		}
	}
	return ""
}
