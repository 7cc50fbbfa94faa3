package render

import (
	"errors"
	"html/template"
	"reflect"
	"slices"
	"text/template/parse"
)

// htmlEscaper is the name html/template gives, in the parse trees it
// escapes, to the escaper of a value printed in HTML text.
const htmlEscaper = "_html_template_htmlescaper"

// skipSafeEscapes escapes the templates of set t that pages and cached
// partials execute (see executed) now, rather than when each is first
// executed, and then takes the HTML text escaper out of the actions
// whose value is the result of one of the functions in fm that return
// template.HTML (cached and card): the escaper returns such a value as
// it is. It returns how many actions it changed. A template escaped
// later (a partial that cached is given a computed name for) keeps its
// escapers: html/template never walks an escaped template again.
//
// Printing a value costs html/template an escaper call through
// reflection (some 1.7 µs and 6 allocations, most of what printing it
// costs); an archive's pages insert hundreds of thousands of cached
// fragments. The output is the same byte for byte: only a call that
// cannot change the value is left out. Where a later Go names the
// escaper otherwise, nothing matches and nothing changes but the speed
// (a test says so).
//
// Escaping them at once is what html/template does anyway as each is
// first executed; it must be done before any page is rendered, as trees
// must not change once they are executed concurrently. Templates are
// escaped by executing each with no data into a writer that refuses the
// first byte, which stops them at once.
func skipSafeEscapes(t *template.Template, fm template.FuncMap) int {
	html := reflect.TypeFor[template.HTML]()
	safe := map[string]bool{}
	for name, f := range fm {
		if ft := reflect.TypeOf(f); ft.Kind() == reflect.Func && ft.NumOut() > 0 && ft.Out(0) == html {
			safe[name] = true
		}
	}
	for _, name := range executed(t) {
		// The error is the writer's, or one the template would give any
		// page: it is reported when a page executes the template.
		_ = t.ExecuteTemplate(refuse{}, name, nil)
	}
	n := 0
	walkActions(t, func(node *parse.ActionNode) {
		if safeEscape(node.Pipe, safe) {
			node.Pipe.Cmds = node.Pipe.Cmds[:len(node.Pipe.Cmds)-1]
			n++
		}
	})
	return n
}

// executed returns the names of the templates of set t that are
// executed on their own: t itself, the card partial, and the partials
// named to cached. The others are executed only from these, and escaped
// with them.
func executed(t *template.Template) []string {
	names := []string{t.Name(), "card"}
	walkActions(t, func(node *parse.ActionNode) {
		for _, cmd := range node.Pipe.Cmds {
			if len(cmd.Args) < 2 {
				continue
			}
			if f, ok := cmd.Args[0].(*parse.IdentifierNode); ok && f.Ident == "cached" {
				if s, ok := cmd.Args[1].(*parse.StringNode); ok {
					names = append(names, s.Text)
				}
			}
		}
	})
	var out []string
	for _, name := range names {
		if t.Lookup(name) != nil && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// walkActions calls f with every action of every template of set t.
func walkActions(t *template.Template, f func(*parse.ActionNode)) {
	var walk func(parse.Node)
	walk = func(node parse.Node) {
		switch node := node.(type) {
		case *parse.ListNode:
			if node == nil {
				return
			}
			for _, c := range node.Nodes {
				walk(c)
			}
		case *parse.IfNode:
			walk(node.List)
			walk(node.ElseList)
		case *parse.RangeNode:
			walk(node.List)
			walk(node.ElseList)
		case *parse.WithNode:
			walk(node.List)
			walk(node.ElseList)
		case *parse.ActionNode:
			f(node)
		}
	}
	for _, x := range t.Templates() {
		if x.Tree != nil {
			walk(x.Tree.Root)
		}
	}
}

// safeEscape reports whether pipe prints, through the HTML text escaper
// alone, the result of a function named in safe: {{f ... | esc}}.
func safeEscape(pipe *parse.PipeNode, safe map[string]bool) bool {
	cmds := pipe.Cmds
	if len(pipe.Decl) > 0 || len(cmds) < 2 || len(cmds[len(cmds)-1].Args) != 1 {
		return false
	}
	esc, ok := cmds[len(cmds)-1].Args[0].(*parse.IdentifierNode)
	if !ok || esc.Ident != htmlEscaper {
		return false
	}
	f, ok := cmds[len(cmds)-2].Args[0].(*parse.IdentifierNode)
	return ok && safe[f.Ident]
}

// refuse is a writer that accepts nothing.
type refuse struct{}

var errRefused = errors.New("escaping only")

func (refuse) Write([]byte) (int, error) { return 0, errRefused }
