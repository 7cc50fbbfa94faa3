package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"time"
	"unicode/utf8"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// Escaper chains. html/template ends each action with the escapers its
// context needs: {{.Title}} in text with one, {{url .URL}} in an href
// with three (filter, normalize, escape for the attribute). text/template
// calls each through reflection, at some 0.7 µs and a handful of
// allocations a call: a 10,000-event build made 1.6 million calls, 1
// million of them escapers. fuseEscapers replaces, in the templates
// pages execute, a chain of escapers by one call that gives the same
// output, and a function of ours followed by a chain ({{url .URL}},
// {{hue .Slug}} in a style, {{number .Viewers}}) by one call of both:
// some 450,000 calls fewer at 10,000 events.
//
// The output is the chain's own, byte for byte: a fused call runs the
// chain itself (a probe template with one action, escaped by
// html/template in the same context) unless the value takes a short way
// the chain is known to allow (shortWay), worked out from the chain's
// own output for each character. Tests compare fused and real chains on
// every character and on random strings, and fail when a Go changes
// what its escapers do.

// A chain is one sequence of html/template's escapers and how to run it.
type chain struct {
	name     string             // ours, in the names of fused functions
	escapers []string           // html/template's names for them, in order
	probe    *template.Template // executes the chain alone on its data
	way      shortWay
	// For the short ways: what the chain gives for each ASCII character
	// alone, and whether it leaves characters beyond ASCII as they are.
	repl    [utf8.RuneSelf]string
	inert   [utf8.RuneSelf]bool // repl[b] is b
	unicode bool
	numbers bool // the chain leaves digits and minus signs alone
	// htmlAsIs: the chain returns template.HTML as it is, as
	// html/template's does in text.
	htmlAsIs bool
}

// A shortWay is what a chain is known to do with a string, which lets
// a fused call skip running it.
type shortWay int

const (
	// byChar: the chain replaces each character by its own output,
	// whatever comes before or after it: html/template's escapers for
	// text and attributes replace characters from a table.
	byChar shortWay = iota
	// byURL: the chain leaves a string of characters it leaves alone one
	// by one, or one that starts with http:// or https:// followed by
	// such characters and colons. Its URL filter refuses schemes other
	// than http, https and mailto, which needs a colon, and its
	// normalizer and attribute escaper work byte by byte.
	byURL
	// numbersOnly: only whole numbers are known; strings run the chain.
	// A CSS value is refused for words such as "expression".
	numbersOnly
)

// chainProbes defines each chain by a template that puts a value in its
// context.
var chainProbes = []struct {
	name, text string
	way        shortWay
}{
	{"text", `{{.}}`, byChar},
	{"attr", `<p title="{{.}}">`, byChar},
	{"url", `<a href="{{.}}">`, byURL},
	{"css", `<p style="--x: {{.}}">`, numbersOnly},
	{"rcdata", `<title>{{.}}</title>`, byChar},
}

// nonASCII is a sample of characters beyond ASCII that a chain must
// leave as they are for strings holding any to take the short way
// (tests try every character).
const nonASCII = "éÉçœ–—‘’“”…«» 中文日本語한국어😀\u2028\ufeff\ufffd"

// htmlSample is HTML that a chain must return as it is for
// template.HTML values to take the short way.
const htmlSample = `<p class="x">A &amp; B&#39;s <a href="/a?b=1&amp;c=2">“link”</a></p>`

// schemes are the URL prefixes byURL knows, and must be left as they are.
var schemes = []string{"https://", "http://"}

// chains returns the escaper chains, made once.
var chains = sync.OnceValue(func() []*chain {
	var out []*chain
	for _, p := range chainProbes {
		c := &chain{name: p.name, way: p.way}
		t := template.Must(template.New(p.name).Parse(p.text))
		if err := t.Execute(refuse{}, ""); err != nil && err != errRefused {
			panic("render: escaper probe " + p.name + ": " + err.Error())
		}
		// Keep only the action, so that executing the probe prints the
		// chain's output and nothing else.
		var action *parse.ActionNode
		for _, n := range t.Tree.Root.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				action = a
			}
		}
		if action == nil {
			continue
		}
		cmds := action.Pipe.Cmds
		c.escapers = escaperNames(cmds[len(cmds)-escaperCount(cmds):])
		if len(c.escapers) == 0 {
			continue // a Go that escapes otherwise: nothing to fuse
		}
		t.Tree.Root.Nodes = []parse.Node{action}
		c.probe = t
		for b := range utf8.RuneSelf {
			c.repl[b] = c.run(string(rune(b)))
			c.inert[b] = c.repl[b] == string(rune(b))
		}
		c.unicode = c.run(nonASCII) == nonASCII
		c.numbers = c.run("-0123456789") == "-0123456789"
		c.htmlAsIs = c.run(template.HTML(htmlSample)) == htmlSample
		if c.way == byURL {
			for _, s := range schemes {
				if c.run(s) != s {
					c.way = numbersOnly
				}
			}
		}
		out = append(out, c)
	}
	return out
})

// escaperPrefix begins the names html/template gives its escapers.
const escaperPrefix = "_html_template_"

// escaperCount returns how many of the last commands of a pipeline are
// html/template's escapers.
func escaperCount(cmds []*parse.CommandNode) int {
	n := 0
	for i := len(cmds) - 1; i >= 0; i-- {
		if len(cmds[i].Args) != 1 {
			break
		}
		id, ok := cmds[i].Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, escaperPrefix) {
			break
		}
		n++
	}
	return n
}

func escaperNames(cmds []*parse.CommandNode) []string {
	var names []string
	for _, c := range cmds {
		names = append(names, c.Args[0].(*parse.IdentifierNode).Ident)
	}
	return names
}

// run executes the chain on v.
func (c *chain) run(v any) string {
	var b strings.Builder
	if err := c.probe.Execute(&b, v); err != nil {
		// Escapers take any value and return a string: no error is
		// possible but the writer's, and a strings.Builder has none.
		panic("render: escaper chain " + c.name + ": " + err.Error())
	}
	return b.String()
}

// escape returns what the chain gives for v.
func (c *chain) escape(v any) string {
	switch v := v.(type) {
	case string:
		switch c.way {
		case byChar:
			if out, ok := c.replace(v); ok {
				return out
			}
		case byURL:
			if c.leavesURL(v) {
				return v
			}
		}
	case template.HTML:
		if c.htmlAsIs {
			return string(v)
		}
	case int:
		return c.number(int64(v))
	case int64:
		return c.number(v)
	case *int64:
		if v != nil {
			return c.number(*v)
		}
	}
	return c.run(v)
}

// number returns what the chain gives for a whole number, which
// html/template prints as fmt does.
func (c *chain) number(n int64) string {
	if !c.numbers {
		return c.run(n)
	}
	return strconv.FormatInt(n, 10)
}

// replace returns s with each character replaced by the chain's output
// for it; ok is false when s is not valid UTF-8 or holds characters
// beyond ASCII that the chain does not leave alone.
func (c *chain) replace(s string) (out string, ok bool) {
	var b strings.Builder
	done := 0 // s[:done] is written to b, once a character is replaced
	for i := 0; i < len(s); {
		ch := s[i]
		if ch >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !c.unicode || r == utf8.RuneError && size == 1 {
				return "", false
			}
			i += size
			continue
		}
		if !c.inert[ch] {
			if b.Len() == 0 {
				b.Grow(len(s) + 16)
			}
			b.WriteString(s[done:i])
			b.WriteString(c.repl[ch])
			done = i + 1
		}
		i++
	}
	if done == 0 {
		return s, true // most strings: no copy
	}
	b.WriteString(s[done:])
	return b.String(), true
}

// leavesURL reports whether the chain, a byURL one, returns s as it is.
func (c *chain) leavesURL(s string) bool {
	colon := false
	for _, p := range schemes {
		if strings.HasPrefix(s, p) {
			s, colon = s[len(p):], true
			break
		}
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf || !c.inert[b] && !(colon && b == ':') {
			return false
		}
	}
	return true
}

// fusedName is the name of the function that runs chain c after
// function f ("" for the chain alone).
func fusedName(c *chain, f string) string {
	if f == "" {
		return "_vitrine_" + c.name
	}
	return "_vitrine_" + c.name + "_" + f
}

// addFused adds to fm, for each chain, a function that runs it, and one
// that runs it after each function of fm whose signature fuse knows.
func addFused(fm template.FuncMap) {
	names := make([]string, 0, len(fm))
	for name := range fm {
		names = append(names, name)
	}
	for _, c := range chains() {
		fm[fusedName(c, "")] = c.escape
		for _, name := range names {
			if f := fuse(fm[name], c); f != nil {
				fm[fusedName(c, name)] = f
			}
		}
	}
}

// fuse returns a function that calls f and gives its result to chain
// c, with f's own parameters; nil for a signature it does not know.
// These are the signatures of the template functions that return a
// value to print (funcs), not the cached partials' or dict's.
func fuse(f any, c *chain) any {
	switch f := f.(type) {
	case func(string) string:
		return func(a string) string { return c.escape(f(a)) }
	case func(string) int:
		return func(a string) string { return c.escape(f(a)) }
	case func(any) string:
		return func(a any) string { return c.escape(f(a)) }
	case func(any, any) int:
		return func(a, b any) string { return c.escape(f(a, b)) }
	case func(any, string, string) string:
		return func(a any, b, d string) string { return c.escape(f(a, b, d)) }
	case func(content.Date) string:
		return func(a content.Date) string { return c.escape(f(a)) }
	case func(time.Duration) string:
		return func(a time.Duration) string { return c.escape(f(a)) }
	case func([]string, string) string:
		return func(a []string, b string) string { return c.escape(f(a, b)) }
	case func(int) int:
		return func(a int) string { return c.escape(f(a)) }
	case func() int:
		return func() string { return c.escape(f()) }
	}
	return nil
}

// fuseEscapers replaces, in every action of the escaped set t, a chain
// of escapers by the one function of fm that runs it, after the
// function whose result it escapes when fm has one for both. It
// returns how many escaper calls it left out. The templates must have
// been escaped (skipSafeEscapes does it), and no page executed yet.
func fuseEscapers(t *template.Template, fm template.FuncMap) int {
	n := 0
	walkActions(t, func(node *parse.ActionNode) {
		pipe := node.Pipe
		k := escaperCount(pipe.Cmds)
		if len(pipe.Decl) > 0 || k == 0 {
			return
		}
		names := escaperNames(pipe.Cmds[len(pipe.Cmds)-k:])
		i := slices.IndexFunc(chains(), func(c *chain) bool { return slices.Equal(c.escapers, names) })
		if i < 0 {
			return
		}
		c := chains()[i]
		rest := pipe.Cmds[:len(pipe.Cmds)-k]
		if len(rest) > 0 {
			if f, ok := rest[len(rest)-1].Args[0].(*parse.IdentifierNode); ok {
				if name := fusedName(c, f.Ident); fm[name] != nil {
					rest[len(rest)-1].Args[0] = identifier(f, name)
					pipe.Cmds = rest
					n += k
					return
				}
			}
		}
		last := pipe.Cmds[len(pipe.Cmds)-k]
		last.Args[0] = identifier(last.Args[0].(*parse.IdentifierNode), fusedName(c, ""))
		pipe.Cmds = pipe.Cmds[:len(pipe.Cmds)-k+1]
		n += k - 1
	})
	return n
}

// identifier returns an identifier named name where like is.
func identifier(like *parse.IdentifierNode, name string) *parse.IdentifierNode {
	return parse.NewIdentifier(name).SetPos(like.Pos)
}
