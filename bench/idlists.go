package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// idList is one request the mock received on a route that takes a list of ids, as /_mock/counts lists it.
type idList struct {
	At  time.Time `json:"at"`
	IDs int       `json:"ids"`
}

// idListSummary is what a phase's requests to one list route show of the client's batches: how many
// requests named how many ids, and how far apart they came.
type idListSummary struct {
	Requests int `json:"requests"`
	IDs      int `json:"ids"`
	// Sizes counts the requests by the number of ids they named.
	Sizes map[int]int `json:"sizes"`
	// The gaps between one request and the next, in seconds: the median, the 90th percentile and the
	// longest; 0 with fewer than two requests.
	GapMedian  float64 `json:"gapMedianSeconds"`
	GapP90     float64 `json:"gapP90Seconds"`
	GapLongest float64 `json:"gapLongestSeconds"`
}

// summariseIDLists sums up each route's requests, which arrive in order.
func summariseIDLists(lists map[string][]idList) map[string]idListSummary {
	if len(lists) == 0 {
		return nil
	}
	out := make(map[string]idListSummary, len(lists))
	for route, requests := range lists {
		s := idListSummary{Requests: len(requests), Sizes: map[int]int{}}
		gaps := make([]float64, 0, len(requests))
		for i, r := range requests {
			s.IDs += r.IDs
			s.Sizes[r.IDs]++
			if i > 0 {
				gaps = append(gaps, r.At.Sub(requests[i-1].At).Seconds())
			}
		}
		if len(gaps) > 0 {
			slices.Sort(gaps)
			s.GapMedian, s.GapP90, s.GapLongest = gaps[len(gaps)/2], gaps[len(gaps)*9/10], gaps[len(gaps)-1]
		}
		out[route] = s
	}
	return out
}

// idListsText writes the batches of m's list routes, one route after the other; empty for results
// without them.
func idListsText(m measurement) string {
	var b strings.Builder
	for _, route := range slices.Sorted(maps.Keys(m.IDLists)) {
		s := m.IDLists[route]
		sizes := make([]string, 0, len(s.Sizes))
		for _, ids := range slices.Sorted(maps.Keys(s.Sizes)) {
			sizes = append(sizes, fmt.Sprintf("%d×%d", s.Sizes[ids], ids))
		}
		fmt.Fprintf(&b, "  - `%s`: %d requests of %d ids (requests×ids: %s); gaps between them: median %.2f s, 90th percentile %.2f s, longest %.2f s\n",
			route, s.Requests, s.IDs, strings.Join(sizes, ", "), s.GapMedian, s.GapP90, s.GapLongest)
	}
	return b.String()
}
