package main

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/vitrine-archive/vitrine/internal/build"
)

// TestMain keeps the build records of the tests' builds out of the
// user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vitrine-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// site writes a minimal valid site and returns its folder.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "content/events"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "content/events/a.md"),
		[]byte("---\ntitle: A\ndate: 2020-09\ninstitution: Musée du Louvre\nplatform: Fliggy\n---\nBody.\n"), 0o644))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestBuildSucceeds(t *testing.T) {
	src := site(t)
	dest := filepath.Join(t.TempDir(), "out")
	code, out, errOut := runCmd(t, "build", "-source", src, "-dest", dest)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !regexp.MustCompile(`^wrote \d+ pages \(1 home, 1 event, .*\) and \d+ static files in \d+(\.\d+)?m?s\n$`).MatchString(out) {
		t.Errorf("success line %q", out)
	}
	if _, err := os.Stat(filepath.Join(dest, "events/a/index.html")); err != nil {
		t.Error(err)
	}
}

// TestBuildForce checks that -force is accepted and builds. (The build
// record's own tests are in internal/build: a site written just now is
// too recent for a record anyway.)
func TestBuildForce(t *testing.T) {
	src := site(t)
	dest := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{{}, {"-force"}} {
		code, out, errOut := runCmd(t, append([]string{"build", "-source", src, "-dest", dest}, args...)...)
		if code != 0 || !strings.HasPrefix(out, "wrote ") {
			t.Fatalf("build %v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		in   string // a part of stdout+stderr
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "-h"}, 0, "-base-url URL"},
		{[]string{"check", "-h"}, 0, "-source folder"},
		{[]string{"help"}, 0, "check    check the whole site"},
	}
	for _, tt := range tests {
		code, out, errOut := runCmd(t, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.in) {
			t.Errorf("vitrine %q: exit %d (want %d), output %q (want it to contain %q)", tt.args, code, tt.code, out+errOut, tt.in)
		}
	}
}

// TestBadInputExitsOne runs build and check on a site holding each bad
// input file of the content package: exit status 1, every message names
// the file, a count ends the report, and nothing is published.
func TestBadInputExitsOne(t *testing.T) {
	files, err := filepath.Glob("../../internal/content/testdata/bad/*.md")
	if err != nil || len(files) < 20 {
		t.Fatalf("bad inputs: %v, %d files", err, len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src := site(t)
			data, err := os.ReadFile(f)
			must(t, err)
			must(t, os.WriteFile(filepath.Join(src, "content/events", name), data, 0o644))
			for _, cmd := range []string{"build", "check"} {
				dest := filepath.Join(t.TempDir(), "out")
				args := []string{cmd, "-source", src}
				if cmd == "build" {
					args = append(args, "-dest", dest)
				}
				code, out, errOut := runCmd(t, args...)
				if code != 1 {
					t.Fatalf("%s: exit %d, want 1; stderr %q", cmd, code, errOut)
				}
				if out != "" {
					t.Errorf("%s: stdout %q, want nothing", cmd, out)
				}
				lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
				for _, l := range lines[:len(lines)-1] {
					if !strings.HasPrefix(l, "content/events/"+name+":") {
						t.Errorf("%s: line %q does not start with the file's path", cmd, l)
					}
				}
				if last := lines[len(lines)-1]; !regexp.MustCompile(`^\d+ errors?$`).MatchString(last) {
					t.Errorf("%s: last line %q, want a count", cmd, last)
				}
				if _, err := os.Stat(dest); !os.IsNotExist(err) {
					t.Errorf("%s: something was published", cmd)
				}
			}
		})
	}
}

func TestCheckReportsEveryError(t *testing.T) {
	src := site(t)
	must(t, os.WriteFile(filepath.Join(src, "content/events/b.md"), []byte("---\ntitle: B\ndate: 2020-13\ninstitution: I\nplatfrom: P\nviewers: lots\n---\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(src, "content/events/c.md"), []byte("---\ntitle: C\ndate: 2020\ninstitution: I\nplatform: P\n---\nSee [x](missing.md).\n"), 0o644))
	code, out, errOut := runCmd(t, "check", "-source", src)
	want := `content/events/b.md:2: missing required key "platform": every event needs one
content/events/b.md:3: date: invalid date "2020-13": want YYYY, YYYY-MM, YYYY-MM-DD, YYYY-<season> or an RFC 3339 date-time with offset
content/events/b.md:5: unknown key "platfrom"; did you mean "platform"?
content/events/b.md:6: viewers: want a whole number of 0 or more, written with digits only (like 380000), got "lots"
content/events/c.md:7: link to "missing.md": content/events/missing.md is not a page of this site (missing, misspelled or a draft)
5 errors
`
	if code != 1 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errOut, want)
	}
	must(t, os.Remove(filepath.Join(src, "content/events/b.md")))
	must(t, os.Remove(filepath.Join(src, "content/events/c.md")))
	code, out, _ = runCmd(t, "check", "-source", src)
	if code != 0 || !strings.HasPrefix(out, "no errors: ") {
		t.Errorf("after the fix: exit %d, stdout %q", code, out)
	}
}

// TestTuneGC checks the collector's settings for a build: off while the
// content loads, under the memory limit, then at the build's pace; and
// left as GOGC says, or on, when there is no limit.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	src := site(t)

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	opts := build.Options{Source: src}
	tuneGC(&opts)
	if got, want := debug.SetMemoryLimit(-1), build.MemoryLimit(src); got != want {
		t.Errorf("memory limit %d, want %d", got, want)
	}
	if opts.Loading == nil || opts.Loaded == nil {
		t.Fatal("no Loading and Loaded functions to set the pace")
	}
	if got := debug.SetGCPercent(build.GCPercent); got != build.GCPercent {
		t.Errorf("GC percent %d before loading, want %d", got, build.GCPercent)
	}
	opts.Loading()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent %d while loading, want -1 (off until the limit)", got)
	}
	opts.Loaded()
	if got := debug.SetGCPercent(100); got != build.GCPercent {
		t.Errorf("GC percent %d once loaded, want %d", got, build.GCPercent)
	}

	// GOMEMLIMIT=off: no limit, so the collector is never turned off.
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "off")
	opts = build.Options{Source: src}
	tuneGC(&opts)
	if got := debug.SetGCPercent(100); got != build.GCPercent || opts.Loading != nil {
		t.Errorf("without a memory limit: GC percent %d (want %d), Loading set: %v", got, build.GCPercent, opts.Loading != nil)
	}

	// GOGC set: the pace is the user's throughout.
	t.Setenv("GOGC", "80")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(80)
	opts = build.Options{Source: src}
	tuneGC(&opts)
	if got := debug.SetGCPercent(100); got != 80 || opts.Loading != nil {
		t.Errorf("with GOGC=80: GC percent %d, Loading set: %v", got, opts.Loading != nil)
	}
}
