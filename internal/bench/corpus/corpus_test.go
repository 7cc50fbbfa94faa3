package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/build"
	"github.com/vitrine-archive/vitrine/internal/content"
)

// TestVitrineBuilds checks that a generated archive is one vitrine
// accepts: every key known, every link (to events, headings, profiles)
// leading somewhere.
func TestVitrineBuilds(t *testing.T) {
	dir := t.TempDir()
	c := New(Options{Events: 300, Seed: DefaultSeed})
	if err := c.Vitrine(WriteDir(dir)); err != nil {
		t.Fatal(err)
	}
	out := &pageCounter{}
	rep, err := build.Run(context.Background(), build.Options{Source: dir, Theme: vitrine.Theme}, out)
	if err != nil {
		t.Fatalf("building the generated archive: %v", err)
	}
	if got, want := rep.Pages["event"], 300-c.Drafts(); got != want {
		t.Errorf("event pages: got %d, want %d", got, want)
	}
	if out.n < 300 {
		t.Errorf("files written: got %d, want more than 300", out.n)
	}
}

type pageCounter struct {
	mu sync.Mutex
	n  int
}

func (o *pageCounter) WriteFile(string, []byte) error {
	o.mu.Lock()
	o.n++
	o.mu.Unlock()
	return nil
}

// TestEveryKeyInUse checks, through vitrine's own loader, that the
// archive gives each event field a value somewhere.
func TestEveryKeyInUse(t *testing.T) {
	fsys, err := New(Options{Events: 500, Seed: DefaultSeed}).MapFS()
	if err != nil {
		t.Fatal(err)
	}
	a, err := content.Load(fsys, content.Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range a.Events {
		for key, set := range map[string]bool{
			"city": e.City != "", "country": e.Country != "", "duration": e.Duration > 0,
			"viewers": e.Viewers != nil, "interactions": e.Interactions != nil,
			"hosts": len(e.Hosts) > 0, "highlights": len(e.Highlights) > 0, "tags": len(e.Tags) > 0,
			"language": len(e.Language) > 0, "summary": e.Summary != "", "image": e.Image != "",
			"image_alt": e.ImageAlt != "", "image_credit": e.ImageCredit != "", "sources": len(e.Sources) > 0,
			"slug": e.Slug+".md" != path.Base(e.Path), "aliases": len(e.Aliases) > 0, "draft": e.Draft,
			"lang": e.Lang != "", "params": len(e.Params) > 0,
			"two institutions": len(e.Institutions) > 1, "two platforms": len(e.Platforms) > 1,
			"month": e.Date.Precision() == content.Month, "season": e.Date.Precision() == content.Season,
			"year": e.Date.Precision() == content.Year, "instant": e.Date.Precision() == content.Instant,
		} {
			seen[key] = seen[key] || set
		}
	}
	for key, ok := range seen {
		if !ok {
			t.Errorf("no event has %s", key)
		}
	}
	if len(a.Platforms) == 0 || len(a.Institutions) == 0 || len(a.Pages) == 0 {
		t.Errorf("got %d platform, %d institution and %d page files; want some of each", len(a.Platforms), len(a.Institutions), len(a.Pages))
	}
}

// TestDeterministic checks that one seed gives the same bytes twice, in
// both formats, and another seed different ones.
func TestDeterministic(t *testing.T) {
	sum := func(seed uint64, hugo bool) [32]byte {
		h := sha256.New()
		c := New(Options{Events: 200, Seed: seed})
		emit := func(name string, data []byte) error {
			h.Write([]byte(name))
			h.Write(data)
			return nil
		}
		write := c.Vitrine
		if hugo {
			write = c.Hugo
		}
		if err := write(emit); err != nil {
			t.Fatal(err)
		}
		return [32]byte(h.Sum(nil))
	}
	for _, hugo := range []bool{false, true} {
		if sum(1, hugo) != sum(1, hugo) {
			t.Errorf("hugo=%v: two runs with one seed differ", hugo)
		}
		if sum(1, hugo) == sum(2, hugo) {
			t.Errorf("hugo=%v: two seeds give the same archive", hugo)
		}
	}
}

// TestBodyLength checks that bodies are about 600 words.
func TestBodyLength(t *testing.T) {
	c := New(Options{Events: 200, Seed: DefaultSeed})
	total, n := 0, 0
	err := c.Vitrine(func(name string, data []byte) error {
		if !strings.HasPrefix(name, "content/events/") {
			return nil
		}
		_, body, ok := bytes.Cut(data[4:], []byte("\n---\n"))
		if !ok {
			t.Fatalf("%s: no front matter", name)
		}
		total += len(strings.Fields(string(body)))
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if avg := total / n; avg < 500 || avg > 700 {
		t.Errorf("bodies average %d words, want about 600", avg)
	}
}

// TestHugoBuilds builds the Hugo version when hugo is installed.
func TestHugoBuilds(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil || testing.Short() {
		t.Skip("hugo is not installed, or -short")
	}
	dir := t.TempDir()
	src, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	c := New(Options{Events: 100, Seed: DefaultSeed})
	if err := c.Hugo(WriteDir(src)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "--minify", "--quiet", "-s", src, "-d", dest, "--cacheDir", filepath.Join(dir, "cache"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	entries, err := os.ReadDir(filepath.Join(dest, "events"))
	if err != nil {
		t.Fatal(err)
	}
	events := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "event-") || strings.HasPrefix(e.Name(), "livestream-") {
			events++
		}
	}
	if want := 100 - c.Drafts(); events != want {
		t.Errorf("hugo wrote %d event pages, want %d", events, want)
	}
	for _, term := range []string{"institutions/故宫博物院/index.html", "platforms/fliggy/index.html", "tags/virtual-tourism/index.html"} {
		data, err := os.ReadFile(filepath.Join(dest, term))
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.HasPrefix(term, "platforms/") && !bytes.Contains(data, []byte("Figures reported")) {
			t.Errorf("%s does not show the profile's body", term)
		}
	}
}
