package content

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is a problem with one input file, at a line when one is known.
// Its message reads "path:line: message", the form editors' tools jump to.
type Error struct {
	Path string // slash-separated, relative to the site's source folder
	Line int    // 1-based; 0 when the problem is with the whole file
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Errorf returns an *Error for path and line.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList is every problem found in one pass over the input.
// A build reports all of them at once rather than stopping at the first.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders the list by path, then line, then message, so that
// reports are the same from run to run whatever the order of discovery.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// ListOf returns the problems carried by err as AsList does, and any
// other error as one problem with no file.
func ListOf(err error) ErrorList {
	if l := AsList(err); l != nil {
		return l
	}
	return ErrorList{Errorf("", 0, "%v", err)}
}

// AsList returns the problems carried by err: the list itself for an
// ErrorList, one entry for an *Error, and nil for any other error.
func AsList(err error) ErrorList {
	var l ErrorList
	if errors.As(err, &l) {
		return l
	}
	var e *Error
	if errors.As(err, &e) {
		return ErrorList{e}
	}
	return nil
}
