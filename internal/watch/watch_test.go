package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wait bounds how long a test waits for an event that should come: long
// enough for any machine, and only ever spent when something is wrong.
const wait = 10 * time.Second

// start watches root's content/ and templates/ and returns the batches.
// delay is long enough that a test's burst of operations, done in a tight
// loop, falls within one quiet period even on a slow machine.
func start(t *testing.T, root string, delay time.Duration) <-chan Batch {
	t.Helper()
	w, err := New(root, []string{"content", "templates"}, delay)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan Batch)
	done := make(chan error)
	go func() { done <- w.Run(ctx, out) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return out
}

// until reads batches until one has a change at path, and returns every
// change seen on the way, by path.
func until(t *testing.T, batches <-chan Batch, path string) map[string]Op {
	t.Helper()
	seen := map[string]Op{}
	timeout := time.After(wait)
	for {
		select {
		case b := <-batches:
			for _, c := range b.Changes {
				seen[c.Path] = c.Op
			}
			if _, ok := seen[path]; ok {
				return seen
			}
		case <-timeout:
			t.Fatalf("no change at %s within %s; saw %v", path, wait, seen)
		}
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCreateModifyRemove(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "content/events/a.md"), "a")
	// Long enough that a write and the rename after it are one burst.
	batches := start(t, root, 200*time.Millisecond)

	write(t, filepath.Join(root, "content/events/b.md"), "b")
	if got := until(t, batches, "content/events/b.md")["content/events/b.md"]; got != Created {
		t.Errorf("new file: got %v, want %v", got, Created)
	}
	write(t, filepath.Join(root, "content/events/a.md"), "a, edited")
	if got := until(t, batches, "content/events/a.md")["content/events/a.md"]; got != Modified {
		t.Errorf("edited file: got %v, want %v", got, Modified)
	}
	// Saved the way many editors and sed -i do: a new file renamed over
	// the old one.
	write(t, filepath.Join(root, "content/events/a.md.tmp1234"), "a, replaced")
	if err := os.Rename(filepath.Join(root, "content/events/a.md.tmp1234"), filepath.Join(root, "content/events/a.md")); err != nil {
		t.Fatal(err)
	}
	seen := until(t, batches, "content/events/a.md")
	if got := seen["content/events/a.md"]; got != Modified {
		t.Errorf("file replaced by a rename: got %v, want %v", got, Modified)
	}
	if _, ok := seen["content/events/a.md.tmp1234"]; ok {
		t.Errorf("temporary file reported: %v", seen)
	}
	if err := os.Remove(filepath.Join(root, "content/events/a.md")); err != nil {
		t.Fatal(err)
	}
	if got := until(t, batches, "content/events/a.md")["content/events/a.md"]; got != Removed {
		t.Errorf("removed file: got %v, want %v", got, Removed)
	}
	if err := os.Rename(filepath.Join(root, "content/events/b.md"), filepath.Join(root, "content/events/c.md")); err != nil {
		t.Fatal(err)
	}
	seen = until(t, batches, "content/events/c.md")
	if seen["content/events/c.md"] != Created {
		t.Errorf("renamed to: got %v, want %v", seen["content/events/c.md"], Created)
	}
	if _, ok := seen["content/events/b.md"]; !ok {
		seen = until(t, batches, "content/events/b.md")
	}
	if seen["content/events/b.md"] != Removed {
		t.Errorf("renamed from: got %v, want %v", seen["content/events/b.md"], Removed)
	}
}

func TestFoldersCreatedLater(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "content/site.yaml"), "")
	batches := start(t, root, 20*time.Millisecond)

	// A watched folder that did not exist when watching began, holding
	// a folder, holding a file: all written before a watch could be added.
	write(t, filepath.Join(root, "templates/partials/deep/card.html"), "x")
	seen := until(t, batches, "templates/partials/deep/card.html")
	if got := seen["templates/partials"]; got != Created {
		t.Errorf("new folder: got %v, want %v", got, Created)
	}
	// And the new folders are watched from then on.
	write(t, filepath.Join(root, "templates/partials/deep/list.html"), "y")
	if got := until(t, batches, "templates/partials/deep/list.html")["templates/partials/deep/list.html"]; got != Created {
		t.Errorf("file in a new folder: got %v, want %v", got, Created)
	}
	// A folder renamed is watched under its new name.
	if err := os.Rename(filepath.Join(root, "templates/partials"), filepath.Join(root, "templates/shared")); err != nil {
		t.Fatal(err)
	}
	until(t, batches, "templates/shared")
	write(t, filepath.Join(root, "templates/shared/deep/card.html"), "z")
	until(t, batches, "templates/shared/deep/card.html")
}

func TestIgnored(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "content/events/a.md"), "a")
	// The burst below happens in a tight loop; a quiet period this long
	// never falls inside it.
	batches := start(t, root, 300*time.Millisecond)

	write(t, filepath.Join(root, "content/events/.a.md.swp"), "swap")
	write(t, filepath.Join(root, "content/events/a.md~"), "backup")
	write(t, filepath.Join(root, "content/.git/HEAD"), "ref")
	write(t, filepath.Join(root, "public/index.html"), "not watched")
	write(t, filepath.Join(root, "content/events/4913"), "")
	if err := os.Remove(filepath.Join(root, "content/events/4913")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "content/events/a.md"), "a, saved")
	seen := until(t, batches, "content/events/a.md")
	if len(seen) != 1 {
		t.Errorf("got changes %v, want only content/events/a.md", seen)
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "content/site.yaml"), "")
	batches := start(t, root, 300*time.Millisecond)

	const n = 50
	for i := range n {
		write(t, filepath.Join(root, "content/events", strconv.Itoa(i)+".md"), "x")
	}
	seen := map[string]bool{}
	count := 0
	timeout := time.After(wait)
	for len(seen) < n {
		select {
		case b := <-batches:
			count++
			for _, c := range b.Changes {
				seen[c.Path] = true
			}
			if !slices.IsSortedFunc(b.Changes, func(x, y Change) int { return strings.Compare(x.Path, y.Path) }) {
				t.Errorf("batch not in path order: %v", b.Changes)
			}
		case <-timeout:
			t.Fatalf("saw %d of %d files within %s", len(seen), n, wait)
		}
	}
	// Each write would have to be a whole quiet period after the last
	// for this to fail.
	if count >= n {
		t.Errorf("%d writes came in %d batches: not coalesced", n, count)
	}
}
