package iam

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
)

// springPage is the Spring Data page the listings answer with. The totals are pointers so that a server
// that leaves them out is not taken to have said "zero".
type springPage[T any] struct {
	Content       []T    `json:"content"`
	TotalElements *int64 `json:"totalElements"`
	TotalPages    *int   `json:"totalPages"`
	Number        int    `json:"number"`
	Size          int    `json:"size"`
	First         bool   `json:"first"`
	Last          bool   `json:"last"`
}

// maxListingPages bounds a listing whose server never says it has ended: 10,000 pages of 500 users is
// far more than any workspace holds, and ending with an error beats looping for ever.
const maxListingPages = 10_000

// listing describes a paginated GET.
type listing[T any, K comparable] struct {
	path string
	// query holds the parameters other than page and size.
	query url.Values
	// firstPage is the index of the first page: 0 for users, 1 for managed domains.
	firstPage int
	size      int
	// maxPages bounds the loop; maxListingPages in production.
	maxPages int
	// key identifies an item, to drop repeats and to notice a server that ignores the page parameter.
	key func(T) K
}

// readAll reads every page of l. It stops when the API says the page is the last, when a page is empty,
// when as many items as totalElements have been read, or when totalPages pages have been read. It fails
// when a page holds only items of earlier pages (the server ignores the page parameter) or when maxPages
// pages did not end the listing. An item repeated across pages (the listing shifted while it was read) is
// returned once.
func readAll[T any, K comparable](ctx context.Context, c *Client, l listing[T, K]) ([]T, error) {
	all := make([]T, 0)
	seen := make(map[K]bool)
	for i := 0; ; i++ {
		page := l.firstPage + i
		if i >= l.maxPages {
			return nil, fmt.Errorf("GET %s: the listing did not end after %d pages; the API never said the last page was reached", l.path, i)
		}
		query := maps.Clone(l.query)
		if query == nil {
			query = url.Values{}
		}
		query.Set("page", strconv.Itoa(page))
		query.Set("size", strconv.Itoa(l.size))
		var p springPage[T]
		if err := c.do(ctx, request{method: http.MethodGet, path: l.path, query: query, idempotent: true}, &p); err != nil {
			return nil, err
		}
		if len(p.Content) == 0 {
			return all, nil
		}
		fresh := 0
		for _, item := range p.Content {
			k := l.key(item)
			if seen[k] {
				continue
			}
			seen[k] = true
			all = append(all, item)
			fresh++
		}
		if fresh == 0 {
			return nil, fmt.Errorf("GET %s: page %d holds only items of earlier pages; the API seems to ignore the page parameter", l.path, page)
		}
		switch {
		case p.Last:
			return all, nil
		case p.TotalElements != nil && int64(len(all)) >= *p.TotalElements:
			return all, nil
		case p.TotalPages != nil && i+1 >= *p.TotalPages:
			return all, nil
		}
	}
}
