package server

import (
	"bytes"
	"html/template"
)

// snippet is what the server adds to every HTML page it serves: the live
// reload script and, while the last build failed, the error overlay.
var snippet = template.Must(template.New("snippet").Parse(`
{{- with .Errors}}
<div id="vitrine-errors" role="alert" style="all:initial;position:fixed;left:0;right:0;bottom:0;z-index:2147483647;display:block;max-height:60vh;overflow:auto;box-sizing:border-box;padding:1rem 1.25rem;background:#1b1b1f;color:#f3f3f3;border-top:4px solid #e5484d;box-shadow:0 -6px 24px rgba(0,0,0,.35);font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace">
<button type="button" onclick="this.parentNode.remove()" aria-label="Hide until the next build" style="all:initial;float:right;cursor:pointer;color:#f3f3f3;font:20px/1 sans-serif;padding:0 .25rem">×</button>
<strong style="all:initial;display:block;margin-bottom:.5rem;color:#ff8589;font:bold 14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace">vitrine: the site has {{len .}} error{{if gt (len .) 1}}s{{end}}; showing the last good build</strong>
{{- range .}}
<div style="all:initial;display:block;color:inherit;font:inherit;white-space:pre-wrap">{{.}}</div>
{{- end}}
</div>
{{- end}}
<script src="{{.Script}}" data-version="{{.Version}}" defer></script>
`))

// renderSnippet returns what to add to every page of a site at version,
// with the errors of its last build.
func renderSnippet(version string, errors []string) []byte {
	var buf bytes.Buffer
	err := snippet.Execute(&buf, struct {
		Errors  []string
		Script  string
		Version string
	}{errors, liveScript, version})
	if err != nil {
		panic(err) // the template and its data are fixed: a bug
	}
	return buf.Bytes()
}

// inject adds the snippet to page, before its closing </body> tag, or at
// the end when the page has none (minified pages omit it).
func inject(page, snippet []byte) []byte {
	i := lastIndexFold(page, []byte("</body"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(snippet))
	out = append(out, page[:i]...)
	out = append(out, snippet...)
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex for an ASCII lower-case sep,
// ignoring case in s.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

// notFoundPage is shown for a missing page when the site has no 404.html
// of its own: before the first good build, say.
const notFoundPage = `<!DOCTYPE html>
<html lang="en">
<meta charset="utf-8">
<title>Not found</title>
<body style="font-family:system-ui,sans-serif;margin:2rem">
<h1>Not found</h1>
<p>There is no page at this address in the site as last built.</p>
</body>
</html>
`
