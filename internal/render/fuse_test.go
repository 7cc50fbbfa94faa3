package render

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestChainShortWays checks each fused escaper chain against
// html/template's own on every character, alone and among others, and
// on values of every kind: a Go whose escapers change what they do
// with a character fails here rather than changing pages.
func TestChainShortWays(t *testing.T) {
	if len(chains()) != len(chainProbes) {
		t.Fatalf("found %d escaper chains, want %d: has html/template renamed its escapers?", len(chains()), len(chainProbes))
	}
	var all []string // every character, in strings of a few thousand
	var b strings.Builder
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		b.WriteRune(r)
		if b.Len() > 4000 {
			all = append(all, b.String())
			b.Reset()
		}
	}
	all = append(all, b.String())
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "0", "9", " ", "-", "_", ".", "/", ":", "#", "?", "&", "'", "\"", "<", ">", "+", "=", "%", "(", ")", ";", "\\", "\x00", "\t", "\n", "é", "’", "中", "😀", "\xff", "https://", "http://", "javascript:", "mailto:", "expression", "--", "&amp;"}
	random := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	n64 := int64(-42)
	values := []any{nil, "", 0, 7, -3, 359, int64(3_800_000), &n64, (*int64)(nil), 1.5, true,
		template.HTML(`<b title="x">A &amp; B</b>`), template.URL("javascript:alert(1)"), template.CSS("red"),
		"https://example.org/a/b?c=d&e=f#g", "http://example.org:8080/x", "/events/louvre/", "HTTPS://x", "https:x",
		"javascript:alert(1)", "Musée d'Orsay & “friends”", "a\xffb", "<script>", "expression(alert(1))"}
	for _, c := range chains() {
		check := func(v any) {
			t.Helper()
			if got, want := c.escape(v), c.run(v); got != want {
				t.Errorf("chain %s on %#v: fused gives %q, html/template %q", c.name, v, got, want)
			}
		}
		for ch := range utf8.RuneSelf {
			check(string(rune(ch)))
			check("a" + string(rune(ch)) + "/b")
		}
		for _, s := range all {
			check(s)
		}
		for _, v := range values {
			check(v)
		}
		for range 20000 {
			check(random())
		}
	}
}

// TestFuseEscapers checks that fusing the escapers of a template set
// changes no byte of its output, in every context and for values that
// need escaping, and that it does fuse the default theme's.
func TestFuseEscapers(t *testing.T) {
	const text = `{{define "part"}}<i title="{{.}}">{{up .}}</i>{{end}}` +
		`<title>{{.}} · {{up .}}</title>` +
		`<p>{{.}} {{up .}} {{. | up}} {{n .}} {{len .}} {{with up .}}{{.}}{{end}} {{$x := up .}}{{$x}} {{template "part" .}}</p>` +
		`<a href="{{.}}" title="{{up .}}" style="--h: {{n .}}; --w: {{len .}}">{{safe .}}</a>` +
		`<a href="/x?q={{.}}">q</a><img src="{{up .}}" alt="{{.}}">` +
		`<script>var x = {{.}};</script><textarea>{{up .}}</textarea>`
	fm := func() template.FuncMap {
		return template.FuncMap{
			"up":   strings.ToUpper,
			"n":    func(s string) int { return len(s) - 3 },
			"safe": func(s string) template.HTML { return template.HTML(s) },
		}
	}
	plain := template.Must(template.New("page").Funcs(fm()).Parse(text))
	fused := fm()
	addFused(fused)
	tmpl := template.Must(template.New("page").Funcs(fused).Parse(text))
	skipSafeEscapes(tmpl, fused)
	n := fuseEscapers(tmpl, fused)
	// Fused: up, n and len after their escapers in the title, paragraph,
	// attributes, src and textarea; the chains alone after ".".
	if n < 15 {
		t.Errorf("fused %d escaper calls, want at least 15", n)
	}
	for _, data := range []string{"", "plain", "/events/louvre/", "https://example.org/?a=1&b=2", "javascript:alert(1)",
		`<i>"a" & 'b' + c</i>`, "Musée d’Orsay", "expression(x)", "a\x00b\xffc"} {
		var want, got strings.Builder
		if err := plain.Execute(&want, data); err != nil {
			t.Fatal(err)
		}
		if err := tmpl.Execute(&got, data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("data %q: output changed:\n got %s\nwant %s", data, got.String(), want.String())
		}
	}

	_, r := benchSite(t, 20, 0)
	if r.fused < 40 {
		t.Errorf("the default theme's templates had %d escaper calls fused, want many: has html/template changed its escapers?", r.fused)
	}
}
