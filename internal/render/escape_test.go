package render

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// TestSkipSafeEscapes checks that leaving out the escaper of values a
// function returns as template.HTML changes no byte of the output, that
// the escaper stays on everything else, and that the default theme's
// templates do have escapers to leave out (a Go that named them
// otherwise would make the build slower without notice).
func TestSkipSafeEscapes(t *testing.T) {
	const text = `{{define "frag"}}<b title="{{.}}">{{.}}</b>{{end}}` +
		`{{define "late"}}<i>{{safe .}}</i>{{end}}` +
		`<p>{{safe .}} {{safe . | safe}} {{plain .}} {{.}} {{with safe .}}{{.}}{{end}} {{$x := safe .}}{{$x}}</p>` +
		`<a href="{{safe .}}" title="{{safe .}}">{{template "frag" safe .}}</a>` +
		`<script>var x = {{safe .}};</script><textarea>{{safe .}}</textarea>`
	fm := template.FuncMap{
		"safe":  func(s any) template.HTML { return template.HTML(fmt.Sprint(s)) },
		"plain": func(s string) string { return s },
	}
	data := `<i>"a" & 'b' + c</i>`
	var want, got strings.Builder
	if err := template.Must(template.New("page").Funcs(fm).Parse(text)).Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	tmpl := template.Must(template.New("page").Funcs(fm).Parse(text))
	n := skipSafeEscapes(tmpl, fm)
	if err := tmpl.Execute(&got, data); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("output changed:\n got %s\nwant %s", got.String(), want.String())
	}
	// A partial that no page executes, escaped when first executed later
	// on, is escaped as html/template would.
	want.Reset()
	got.Reset()
	if err := template.Must(template.New("page").Funcs(fm).Parse(text)).ExecuteTemplate(&want, "late", data); err != nil {
		t.Fatal(err)
	}
	if err := tmpl.ExecuteTemplate(&got, "late", data); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("late partial:\n got %s\nwant %s", got.String(), want.String())
	}
	// {{safe .}} and {{safe . | safe}} in the paragraph; not {{plain .}},
	// {{.}}, the value inside with, the variable, nor any in another context.
	if n != 2 {
		t.Errorf("left out %d escapers, want 2", n)
	}

	_, r := benchSite(t, 20, 0)
	if r.skipped < 20 {
		t.Errorf("the default theme's templates had %d escapers of cached fragments left out, want many: has html/template renamed %s?", r.skipped, htmlEscaper)
	}
}
