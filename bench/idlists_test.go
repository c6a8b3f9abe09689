package main

import (
	"testing"
	"time"
)

func TestIDListsSumUpTheBatchesAndTheirGaps(t *testing.T) {
	start := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	const route = "DELETE /uauth/users/invitations/{invitationIds}"
	requests := []idList{{start, 10}, {start.Add(time.Second), 7}, {start.Add(3 * time.Second), 10}, {start.Add(15 * time.Second), 1}}
	got := summariseIDLists(map[string][]idList{route: requests})[route]
	if got.Requests != 4 || got.IDs != 28 || got.Sizes[10] != 2 || got.Sizes[7] != 1 || got.Sizes[1] != 1 {
		t.Errorf("summary %+v", got)
	}
	// The gaps are 1 s, 2 s and 12 s.
	if got.GapMedian != 2 || got.GapP90 != 12 || got.GapLongest != 12 {
		t.Errorf("gaps: median %v, 90th percentile %v, longest %v; want 2, 12, 12", got.GapMedian, got.GapP90, got.GapLongest)
	}
	text := idListsText(measurement{IDLists: map[string]idListSummary{route: got}})
	want := "  - `" + route + "`: 4 requests of 28 ids (requests×ids: 1×1, 1×7, 2×10); gaps between them: median 2.00 s, 90th percentile 12.00 s, longest 12.00 s\n"
	if text != want {
		t.Errorf("text\n%q\nwant\n%q", text, want)
	}
	if summariseIDLists(nil) != nil || idListsText(measurement{}) != "" {
		t.Error("results without id lists should write nothing of them")
	}
}
