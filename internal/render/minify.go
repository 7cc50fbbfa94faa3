package render

import (
	"bytes"
	"io"
	"path"
	"regexp"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// minifier wraps tdewolff/minify instances with vitrine's settings.
// They depend on no site and are safe for concurrent use: the process
// has one (theMinifier).
type minifier struct {
	m    *minify.M
	tmpl *minify.M // HTML with Go template actions left intact
}

func newMinifier() *minifier {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	page := &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
	m.Add("text/html", page)

	t := minify.New()
	t.AddFunc("text/css", css.Minify)
	t.Add("text/html", &html.Minifier{
		KeepDocumentTags: true,
		KeepEndTags:      true, // templates may open an element in one action and close it in another
		KeepQuotes:       true,
		TemplateDelims:   html.GoTemplateDelims,
	})
	return &minifier{m: m, tmpl: t}
}

// template minifies a template's source. Comments are emptied first:
// the minifier reads quotes inside template actions, so a comment with
// one apostrophe ("the page's") would leave everything after it, up to
// the next quote, unminified.
func (m *minifier) template(name, text string) (string, error) {
	return m.tmpl.String("text/html", templateComment.ReplaceAllString(text, "{{$1/**/$2}}"))
}

// templateComment matches a template comment, with its trim markers:
// {{/* … */}}, {{- /* … */ -}}.
var templateComment = regexp.MustCompile(`\{\{(-[ \t\r\n])?/\*(?s:.*?)\*/([ \t\r\n]-)?\}\}`)

// mediaTypes are the static files worth minifying, by extension.
var mediaTypes = map[string]string{
	".css":  "text/css",
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "text/xml",
	".html": "text/html",
}

// Static returns a static file's bytes as they are published: minified
// when minify is set (as the site's minify setting says) and the file is
// of a kind the minifier knows, or data itself, uncopied (pictures, most
// of a site's static files). It needs no Renderer, so that a build can
// copy its static files while it builds the model.
func Static(name string, data []byte, minify bool) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !minify || !ok {
		return data, nil
	}
	return theMinifier().m.Bytes(mt, data)
}

// theMinifier is the one minifier, made when first needed.
var theMinifier = sync.OnceValue(newMinifier)

// HTML minifies a whole HTML document (used by tests to check that the
// template-level minification leaves little to do).
func (r *Renderer) HTML(w io.Writer, data []byte) error {
	return theMinifier().m.Minify("text/html", w, bytes.NewReader(data))
}
