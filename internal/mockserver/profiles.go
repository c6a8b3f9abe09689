package mockserver

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

func (s *Server) businessProfileRoutes() []route {
	return []route{
		{"GET /business-profile-service/business-profiles", s.listBusinessProfiles(false)},
		{"GET /business-profile-service/organizations/business-profiles", s.listBusinessProfiles(false)},
		{"GET /business-profile-service/organizations/business-profiles/with-identifiers", s.listBusinessProfiles(true)},
		{"POST /uauth/business-profile/mark-favorite", s.markFavoriteBusinessProfile},
	}
}

type businessProfileJSON struct {
	GUID        string   `json:"guid"`
	Name        string   `json:"name"`
	Favorite    bool     `json:"favorite"`
	Identifiers []string `json:"identifiers,omitempty"`
}

type markFavoriteRequest struct {
	BusinessProfileGUID string `json:"businessProfileGuid"`
	Favorite            bool   `json:"favorite"`
}

// Paging of the business-profile listings, which count pages from 1 like the managed domains.
const (
	firstProfilePage    = 1
	defaultProfileLimit = 20
)

// listBusinessProfiles serves the three listings of workspaces; only the one with identifiers shows
// them. The mock's workspace belongs to no workspace group, so filtering by a group finds nothing.
func (s *Server) listBusinessProfiles(withIdentifiers bool) endpoint {
	return func(r *http.Request) (reply, error) {
		page, err := queryInt(r, "page", firstProfilePage)
		if err != nil {
			return reply{}, err
		}
		limit, err := queryInt(r, "limit", defaultProfileLimit)
		if err != nil {
			return reply{}, err
		}
		if page < firstProfilePage {
			return reply{}, badRequest("page must be %d or more, got %d", firstProfilePage, page)
		}
		if limit < 1 {
			return reply{}, badRequest("limit must be 1 or more, got %d", limit)
		}
		q := r.URL.Query()
		search := strings.ToLower(q.Get("search"))
		s.mu.Lock()
		defer s.mu.Unlock()
		var matched []*businessProfile
		for _, p := range s.st.profiles {
			if q.Get("businessProfileGroupId") == "" && strings.Contains(strings.ToLower(p.name), search) {
				matched = append(matched, p)
			}
		}
		sortProfiles(matched, q.Get("sortBy"))
		out := make([]businessProfileJSON, 0, len(matched))
		for _, p := range matched {
			pj := businessProfileJSON{GUID: p.guid, Name: p.name, Favorite: p.favorite}
			if withIdentifiers {
				pj.Identifiers = append([]string{}, p.identifiers...)
			}
			out = append(out, pj)
		}
		return ok(paginate(out, page, limit, firstProfilePage)), nil
	}
}

// sortProfiles orders profiles by sortBy ("NAME:ASC", "CREATED:DESC", ...); by name when it is empty.
func sortProfiles(profiles []*businessProfile, sortBy string) {
	key, dir, _ := strings.Cut(sortBy, ":")
	slices.SortStableFunc(profiles, func(a, b *businessProfile) int {
		c := cmp.Compare(a.name, b.name)
		if key == "CREATED" {
			c = a.createdAt.Compare(b.createdAt)
		}
		if dir == "DESC" {
			return -c
		}
		return c
	})
}

func (s *Server) markFavoriteBusinessProfile(r *http.Request) (reply, error) {
	return withBody(s, r, func(st *store, in markFavoriteRequest) (reply, error) {
		i := slices.IndexFunc(st.profiles, func(p *businessProfile) bool { return p.guid == in.BusinessProfileGUID })
		if i < 0 {
			return reply{}, notFound("Business profile %s not found", in.BusinessProfileGUID)
		}
		st.profiles[i].favorite = in.Favorite
		return okEmpty, nil
	})
}
