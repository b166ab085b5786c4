package sandbox

import (
	"encoding/json"
	"net/http"
)

// adminRoutes adds the /_sandbox endpoints: no token, no faults, no rate
// limits, not counted in Stats. They serve loopback by default like the
// rest; they never show the app secret or access tokens.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /_sandbox/stats", func(w http.ResponseWriter, _ *http.Request) {
		writeAdminJSON(w, s.Stats())
	})
	mux.HandleFunc("POST /_sandbox/reset-stats", func(w http.ResponseWriter, _ *http.Request) {
		s.ResetStats()
		writeAdminJSON(w, s.Stats())
	})
	mux.HandleFunc("GET /_sandbox/state", func(w http.ResponseWriter, _ *http.Request) {
		s.mu.RLock()
		f := s.snapshot()
		s.mu.RUnlock()
		writeAdminJSON(w, f)
	})
}

func writeAdminJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	_ = enc.Encode(v)
}
