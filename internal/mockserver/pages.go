package mockserver

// pageJSON is the Spring Data page the listings answer with.
type pageJSON[T any] struct {
	Content       []T   `json:"content"`
	TotalElements int64 `json:"totalElements"`
	TotalPages    int   `json:"totalPages"`
	// Number is the requested page, in the listing's own numbering.
	Number int  `json:"number"`
	Size   int  `json:"size"`
	First  bool `json:"first"`
	Last   bool `json:"last"`
}

// paginate cuts page page of size items out of items. firstPage is the number of the first page: 0
// for users, 1 for managed domains. A page past the end is empty and last.
func paginate[T any](items []T, page, size, firstPage int) pageJSON[T] {
	total := len(items)
	pages := (total + size - 1) / size
	index := page - firstPage
	p := pageJSON[T]{
		Content:       []T{},
		TotalElements: int64(total),
		TotalPages:    pages,
		Number:        page,
		Size:          size,
		First:         index == 0,
		Last:          index >= pages-1,
	}
	if index < pages {
		start := index * size
		p.Content = append(p.Content, items[start:min(start+size, total)]...)
	}
	return p
}
