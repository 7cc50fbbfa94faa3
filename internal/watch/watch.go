// Package watch reports changes to a site's folders in batches. It is
// vitrine's one user of fsnotify.
//
// A Watcher watches some folders of a root, recursively: folders created
// later, and the watched folders themselves when they appear after the
// watch began (a site without templates/ that gains one). Events are
// debounced: a burst of them (an editor's save, a git checkout) becomes
// one Batch, delivered once the file system has been quiet for a moment.
//
// Hidden files and folders (".git", editors' ".name.swp" and ".#name"
// locks) and backups ending in "~" are ignored, and so is a file created
// and removed within one burst, such as the "4913" file vim writes to test
// a folder: none of them is ever part of a site.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Op says how a path changed over one batch.
type Op uint8

// The ways a path can change.
const (
	Created  Op = iota + 1 // it did not exist when the batch began
	Modified               // it existed before and exists now
	Removed                // it existed before and is gone (removed, or renamed away)
)

func (o Op) String() string {
	switch o {
	case Created:
		return "created"
	case Modified:
		return "modified"
	case Removed:
		return "removed"
	}
	return "unknown"
}

// Change is one changed file or folder.
type Change struct {
	Path string // slash-separated, relative to the root: "content/events/louvre.md"
	Op   Op
	Dir  bool // a folder, as it is now (false once removed)
}

// Batch is the changes seen in one burst of file system activity.
type Batch struct {
	Changes []Change // in path order
	// Overflow is set when the system dropped events: anything under the
	// watched folders may have changed.
	Overflow bool
}

// Paths returns the paths of the batch's changes.
func (b Batch) Paths() []string {
	out := make([]string, len(b.Changes))
	for i, c := range b.Changes {
		out[i] = c.Path
	}
	return out
}

// Watcher watches folders of a root. Create one with New, then call Run.
type Watcher struct {
	root    string
	dirs    map[string]bool // the root's folders to watch, by name
	delay   time.Duration
	fsw     *fsnotify.Watcher
	watched map[string]bool // folders with a watch, as OS paths
	known   map[string]bool // the paths that exist, as of the last batch
	pending map[string]bool // the paths with events since the last batch
}

// New starts watching the folders dirs of root (names like "content"),
// recursively. Changes made once New has returned are reported by Run.
// A folder of dirs that does not exist yet is watched from when it is
// created.
func New(root string, dirs []string, delay time.Duration) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root:    root,
		dirs:    map[string]bool{},
		delay:   delay,
		fsw:     fsw,
		watched: map[string]bool{},
		known:   map[string]bool{},
		pending: map[string]bool{},
	}
	for _, d := range dirs {
		w.dirs[d] = true
	}
	// The root itself, without its sub-folders, so that one of dirs
	// created later is seen.
	if err := w.add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	found, err := w.scan()
	if err != nil {
		fsw.Close()
		return nil, err
	}
	w.know(found)
	return w, nil
}

// scan watches every folder of the watched ones, and returns what is in
// them.
func (w *Watcher) scan() ([]string, error) {
	var all []string
	for d := range w.dirs {
		found, err := w.addTree(filepath.Join(w.root, d))
		if err != nil {
			return all, err
		}
		all = append(all, found...)
	}
	return all, nil
}

// know takes the paths found (OS paths) as all that exists.
func (w *Watcher) know(found []string) {
	clear(w.known)
	for _, f := range found {
		if r, ok := w.rel(f); ok {
			w.known[r] = true
		}
	}
}

// Close stops watching. Run calls it when it returns; call it yourself
// only when Run is never called.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Run delivers batches of changes to out until ctx is done, then closes
// the watcher and returns. While out's reader is busy (rebuilding), the
// changes that follow gather into the next batch, so that a reader never
// falls behind by more than one batch.
func (w *Watcher) Run(ctx context.Context, out chan<- Batch) error {
	defer w.Close()
	// The timer restarts on every event and fires once the burst is over:
	// a save is one event to the editor but several to the system
	// (truncate, write, chmod, or a rename of a temporary file), and a
	// checkout is thousands. Waiting for quiet makes each one build.
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	var (
		overflow bool
		batch    Batch // what pending holds, once the burst is over
		ready    bool  // batch is up to date and may be delivered
	)
	for {
		var send chan<- Batch
		if ready {
			send = out
		}
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if w.note(ev) {
				ready = false
				quiet.Reset(w.delay)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			// Any error other than an overflow is about one watch (a folder
			// that vanished while being added); the events that follow
			// still tell what changed.
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Folders may have been created unseen: watch them now.
				_, _ = w.scan()
				overflow = true
				ready = false
				quiet.Reset(w.delay)
			}
		case <-quiet.C:
			batch = w.batch(overflow)
			ready = len(batch.Changes) > 0 || batch.Overflow
			if !ready {
				clear(w.pending) // everything came and went
			}
		case send <- batch:
			w.sent(batch)
			overflow, ready = false, false
		}
	}
}

// note records an event and reports whether it matters.
func (w *Watcher) note(ev fsnotify.Event) bool {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return false
	}
	// Chmod alone is a touch or a permission change: the contents are
	// the same. (On Linux, a removal sends it too, with a Remove.)
	if ev.Op == fsnotify.Chmod {
		return false
	}
	if ev.Has(fsnotify.Create) {
		// A new folder: watch it and everything already in it, which may
		// have been written before the watch was in place.
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			found, _ := w.addTree(ev.Name)
			for _, f := range found {
				if r, ok := w.rel(f); ok {
					w.pending[r] = true
				}
			}
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	w.pending[rel] = true
	return true
}

// batch turns the paths with events since the last batch into a new
// one, comparing how each path is now with how it was then. A path that
// came and went in between (a temporary file) is left out, and so is
// one that is as it was (a file replaced by a rename is Modified).
func (w *Watcher) batch(overflow bool) Batch {
	b := Batch{Overflow: overflow}
	for rel := range w.pending {
		info, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel)))
		now, before := err == nil, w.known[rel]
		dir := now && info.IsDir()
		switch {
		case now && !before:
			b.Changes = append(b.Changes, Change{rel, Created, dir})
		case now:
			b.Changes = append(b.Changes, Change{rel, Modified, dir})
		case before:
			b.Changes = append(b.Changes, Change{rel, Removed, false})
		}
	}
	slices.SortFunc(b.Changes, func(x, y Change) int { return strings.Compare(x.Path, y.Path) })
	return b
}

// sent records b as delivered: what it says is now the known state.
func (w *Watcher) sent(b Batch) {
	clear(w.pending)
	if b.Overflow {
		found, _ := w.scan()
		w.know(found)
		return
	}
	removed := map[string]bool{}
	for _, c := range b.Changes {
		if c.Op == Removed {
			removed[c.Path] = true
			delete(w.known, c.Path)
		} else {
			w.known[c.Path] = true
		}
	}
	if len(removed) == 0 {
		return
	}
	// A folder's removal may be its only event: forget what was in it.
	for k := range w.known {
		for d := path.Dir(k); d != "."; d = path.Dir(d) {
			if removed[d] {
				delete(w.known, k)
				break
			}
		}
	}
}

// rel returns the slash-separated path of name within the root, and
// whether it is inside a watched folder and not ignored.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." {
		return "", false
	}
	r = filepath.ToSlash(r)
	first, _, _ := strings.Cut(r, "/")
	if !w.dirs[first] {
		return "", false
	}
	for _, seg := range strings.Split(r, "/") {
		if ignored(seg) {
			return "", false
		}
	}
	return r, true
}

// ignored reports whether a file or folder name is never part of a site.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

// addTree watches dir and every folder under it that is not ignored, and
// returns what it found there, files and folders, dir included. A dir that does not exist is not an error:
// the root's watch will see it created.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			// A folder removed or unreadable while we walk: its removal
			// (or nothing) is what the events will say.
			return nil
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		found = append(found, p)
		if !d.IsDir() {
			return nil
		}
		if err := w.add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	return found, err
}

func (w *Watcher) add(dir string) error {
	if w.watched[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.watched[dir] = true
	return nil
}

// forget drops the watches on a removed or renamed folder and those
// under it. A folder renamed within the tree is watched again under its
// new name when its Create arrives.
func (w *Watcher) forget(name string) {
	prefix := name + string(filepath.Separator)
	for dir := range w.watched {
		if dir == name || strings.HasPrefix(dir, prefix) {
			_ = w.fsw.Remove(dir) // may be gone already: the system drops watches on removed folders
			delete(w.watched, dir)
		}
	}
}
