package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/vitrine-archive/vitrine/internal/build"
)

// ServeHTTP serves the site as last built, and the live reload endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snap := s.current.Load()
	switch r.URL.Path {
	case liveScript:
		s.serveBytes(w, r, "live.js", liveJS)
		return
	case liveEndpoint:
		if r.Method == http.MethodHead {
			w.Header().Set("Content-Type", "text/event-stream")
			return
		}
		s.live.serve(w, r, func() string { return s.current.Load().version })
		return
	}

	name, ok := sitePath(r.URL)
	if !ok {
		s.notFound(w, r, snap)
		return
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if f, ok := snap.files[name]; ok {
		s.serveFile(w, r, snap, name, f)
		return
	}
	if _, ok := snap.files[name+"/index.html"]; ok {
		// A folder named without its final slash: relative links in its
		// page only work from the folder's own URL.
		u := &url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, u.String(), http.StatusFound)
		return
	}
	s.notFound(w, r, snap)
}

// sitePath returns the site file a request's path names, without its
// leading slash, and false for a path no site file can have. Paths are
// looked up in memory, never on disk, so no path can leave the site;
// these checks keep even the lookup to paths a browser sends for links.
func sitePath(u *url.URL) (string, bool) {
	// An encoded slash or backslash would be a name with a slash in it.
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	p = p[1:]
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		// Browsers resolve "." and ".." before asking; an empty segment
		// is only the last one, after a folder's slash.
		if seg == "." || seg == ".." || (seg == "" && i < len(segs)-1) {
			return "", false
		}
	}
	return p, true
}

// serveFile serves one file of the site, with the live script and the
// error overlay added to HTML pages.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, f build.File) {
	w.Header().Set("Vary", "Accept-Encoding")
	if gz, ok := f.Gzipped(); ok && !isHTML(name) && acceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", contentType(name, nil))
		s.serveBytes(w, r, name, gz)
		return
	}
	data, err := f.Bytes()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if isHTML(name) {
		data = inject(data, snap.snippet)
	}
	s.serveBytes(w, r, name, data)
}

// acceptsGzip reports whether the request's Accept-Encoding lists gzip.
// Every browser's does; the server does not weigh q-values.
func acceptsGzip(r *http.Request) bool {
	for _, enc := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, _, _ = strings.Cut(enc, ";")
		if strings.TrimSpace(enc) == "gzip" {
			return true
		}
	}
	return false
}

// serveBytes serves data as the file name. With "no-cache" and an ETag
// of the bytes, a browser asks again every time and gets a 304 only when
// nothing changed.
func (s *Server) serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", contentType(name, data))
	}
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", etag(data))
	h.Set("X-Content-Type-Options", "nosniff")
	// ServeContent answers If-None-Match, HEAD and ranges.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// notFound serves the site's 404.html, or a page of the server's own
// before the site has one, with status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	page := []byte(notFoundPage)
	if f, ok := snap.files["404.html"]; ok {
		if b, err := f.Bytes(); err == nil {
			page = b
		}
	}
	page = inject(page, snap.snippet)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// contentType is the type of a file by its extension, or by its first
// bytes (when given) when the extension says nothing.
func contentType(name string, data []byte) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	if data == nil {
		return "application/octet-stream"
	}
	return http.DetectContentType(data)
}

func etag(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
}
