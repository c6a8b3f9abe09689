package mockserver

import (
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// LoadState replaces the whole workspace with the snapshot r holds (the format WriteState writes,
// see doc.go). Nothing changes when the snapshot is refused; the error says what to fix.
func (s *Server) LoadState(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var in seedState
	if err := decodeStrict(data, &in); err != nil {
		return err
	}
	st, err := storeFromState(in, time.Now())
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st.expiredWhenAccessEnds = s.st.expiredWhenAccessEnds
	s.st = st
	return nil
}

// WriteState writes the workspace as a snapshot that LoadState reads back: role groups with their
// roles, members and invitations, settings, managed domains and the MFA requirement (see doc.go).
func (s *Server) WriteState(w io.Writer) error {
	s.mu.Lock()
	state := s.st.state()
	s.mu.Unlock()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(state)
}

// stateControls serve the snapshot over HTTP: GET dumps the workspace, PUT replaces it.
func (s *Server) stateControls() []route {
	return []route{
		{"GET /_mock/state", func(*http.Request) (reply, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			return ok(s.st.state()), nil
		}},
		{"PUT /_mock/state", func(r *http.Request) (reply, error) {
			if err := s.LoadState(r.Body); err != nil {
				return reply{}, badRequest("Workspace snapshot refused: %v", err)
			}
			return noContent, nil
		}},
	}
}
