package review

import (
	"fmt"
	"sort"
	"strings"
)

// foldAfter is how many items a section shows before it folds them into a <details> block, to keep a
// pull-request comment short.
const foldAfter = 8

// Markdown writes the summary for a pull-request comment: counts, what needs attention, then each
// section. The same summary always gives the same text.
func (s *Summary) Markdown() string {
	var b strings.Builder
	b.WriteString("## Access review\n\n")
	if s.Incomplete {
		b.WriteString("> Terraform did not plan everything (`-target`, or changes deferred to a later plan): this review covers only what it planned.\n\n")
	}
	if s.Empty() {
		b.WriteString("No access changes.\n")
		return b.String()
	}
	b.WriteString(s.counts())
	for _, note := range s.Notes {
		b.WriteString("\n> " + note + "\n")
	}
	s.writeFindings(&b)
	s.writeMembers(&b)
	s.writeRoles(&b)
	s.writePII(&b)
	s.writeSettings(&b)
	s.writeOthers(&b)
	return b.String()
}

func (s *Summary) counts() string {
	var parts []string
	for _, c := range []struct {
		n         int
		one, many string
	}{
		{len(s.Members), "member", "members"},
		{len(s.Roles), "role or group", "roles or groups"},
		{len(s.PII), "personal-data access", "personal-data accesses"},
		{len(s.Settings), "settings resource", "settings resources"},
		{len(s.Others) + len(s.Unreviewed), "other resource", "other resources"},
	} {
		if c.n > 0 {
			parts = append(parts, plural(c.n, "1 "+c.one, c.many))
		}
	}
	line := "Changes: " + strings.Join(parts, ", ") + "."
	if len(parts) == 0 {
		line = "No access changes."
	}
	if len(s.Findings) == 0 {
		return line + " Nothing needs attention.\n"
	}
	return line + " **" + plural(len(s.Findings), "1 finding needs", "findings need") + " attention.**\n"
}

func (s *Summary) writeFindings(b *strings.Builder) {
	if len(s.Findings) == 0 {
		return
	}
	b.WriteString("\n### Needs attention\n\n| Rule | Resource | What changes |\n|---|---|---|\n")
	for _, f := range s.Findings {
		fmt.Fprintf(b, "| `%s` | `%s` | %s |\n", f.Rule, cell(f.Address), cell(f.Message))
	}
}

func (s *Summary) writeMembers(b *strings.Builder) {
	if len(s.Members) == 0 {
		return
	}
	b.WriteString("\n### Members\n\n")
	rows := []string{"| Member | Change | Roles | Resource |", "|---|---|---|---|"}
	for _, m := range s.Members {
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | `%s` |", cell(m.Email), cell(m.Change), cell(m.Roles), cell(m.Address)))
	}
	fold(b, plural(len(s.Members), "1 member", "members"), len(s.Members), rows)
}

func (s *Summary) writeRoles(b *strings.Builder) {
	if len(s.Roles) == 0 {
		return
	}
	b.WriteString("\n### Roles and groups\n\n")
	var rows []string
	for _, r := range s.Roles {
		rows = append(rows, fmt.Sprintf("- %s %s (`%s`)", r.Kind, r.Change, r.Address))
	}
	fold(b, plural(len(s.Roles), "1 role or group", "roles and groups"), len(s.Roles), rows)
}

func (s *Summary) writePII(b *strings.Builder) {
	if len(s.PII) == 0 {
		return
	}
	b.WriteString("\n### Personal data (PII)\n\n")
	for _, p := range s.PII {
		if p.Granted {
			fmt.Fprintf(b, "- **granted** to %s (`%s`)\n", p.Role, p.Address)
		} else {
			fmt.Fprintf(b, "- **withdrawn** from %s (`%s`)\n", p.Role, p.Address)
		}
	}
}

func (s *Summary) writeSettings(b *strings.Builder) {
	if len(s.Settings) == 0 {
		return
	}
	b.WriteString("\n### Settings\n\n")
	var rows []string
	for i, c := range s.Settings {
		if i > 0 {
			rows = append(rows, "")
		}
		rows = append(rows, fmt.Sprintf("**`%s`** (%s): %s", c.Address, settingsTypes[typeOf(c.Address)], c.Action))
		if len(c.Rows) > 0 {
			rows = append(rows, "", "| Setting | Before | After |", "|---|---|---|")
			for _, r := range c.Rows {
				rows = append(rows, fmt.Sprintf("| `%s` | %s | %s |", r.Attribute, cell(r.Before), cell(r.After)))
			}
		}
		if len(c.Later) > 0 {
			rows = append(rows, "", "Known after apply (the workspace's present values): "+backticked(c.Later)+".")
		}
	}
	fold(b, plural(len(s.Settings), "1 settings resource", "settings resources"), len(s.Settings), rows)
}

func (s *Summary) writeOthers(b *strings.Builder) {
	if len(s.Others) == 0 && len(s.Unreviewed) == 0 && len(s.OtherProviders) == 0 {
		return
	}
	b.WriteString("\n### Other resources\n\n")
	for _, o := range s.Others {
		fmt.Fprintf(b, "- %s (`%s`)\n", o.Change, o.Address)
	}
	for _, u := range s.Unreviewed {
		fmt.Fprintf(b, "- not reviewed, a type this tool does not know: `%s`\n", u)
	}
	if len(s.OtherProviders) > 0 {
		types := make([]string, 0, len(s.OtherProviders))
		total := 0
		for t, n := range s.OtherProviders {
			types = append(types, fmt.Sprintf("`%s` (%d)", t, n))
			total += n
		}
		sort.Strings(types)
		fmt.Fprintf(b, "- %s of other providers, not reviewed here: %s\n", plural(total, "1 resource", "resources"), strings.Join(types, ", "))
	}
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
