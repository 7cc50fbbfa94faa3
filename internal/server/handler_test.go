package server

import (
	"net/url"
	"testing"
)

func TestSitePath(t *testing.T) {
	for _, tt := range []struct {
		raw  string // the request's path, as sent
		want string
		ok   bool
	}{
		{"/", "", true},
		{"/index.html", "index.html", true},
		{"/events/louvre/", "events/louvre/", true},
		{"/events/caf%C3%A9/", "events/café/", true},
		{"/style.css", "style.css", true},
		{"/..", "", false},
		{"/../etc/passwd", "", false},
		{"/events/../../etc/passwd", "", false},
		{"/%2e%2e/etc/passwd", "", false},
		{"/%2E%2E/", "", false},
		{"/./index.html", "", false},
		{"/events/%2fetc", "", false},
		{"/..%2F..%2Fetc", "", false},
		{"/..%5c..%5cetc", "", false},
		{"/a\\b", "", false},
		{"//etc/passwd", "", false},
		{"/events//louvre/", "", false},
		{"/index.html%00", "", false},
	} {
		u, err := url.ParseRequestURI(tt.raw)
		if err != nil {
			t.Fatalf("%s: %v", tt.raw, err)
		}
		got, ok := sitePath(u)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sitePath(%s) = %q, %v; want %q, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}

func TestInject(t *testing.T) {
	for _, tt := range []struct{ page, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>S</body></html>"},
		{"<p>x</p></BODY>\n</html>", "<p>x</p>S</BODY>\n</html>"},
		{"<p>x</body> in text</p></body>", "<p>x</body> in text</p>S</body>"},
		{"<!doctype html><p>minified, no end tags", "<!doctype html><p>minified, no end tagsS"},
		{"", "S"},
	} {
		if got := string(inject([]byte(tt.page), []byte("S"))); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}
