package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vitrine-archive/vitrine/internal/build"
	"github.com/vitrine-archive/vitrine/internal/testutil"
)

func TestServeUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		in   string
	}{
		{[]string{"serve", "-h"}, 0, "-addr address"},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"serve", "-addr", "not an address"}, 1, "not an address"},
		{[]string{"help"}, 0, "serve    build and serve the site"},
	} {
		code, out, errOut := runCmd(t, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.in) {
			t.Errorf("vitrine %q: exit %d (want %d), output %q (want it to contain %q)", tt.args, code, tt.code, out+errOut, tt.in)
		}
	}
}

// TestServeStops runs "vitrine serve" until it prints its URL, fetches
// the site from it, and interrupts it as Ctrl-C does: it exits with 0.
func TestServeStops(t *testing.T) {
	src := site(t)
	ctx, cancel := context.WithCancel(context.Background())
	out := &testutil.SyncBuffer{}
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"serve", "-source", src, "-addr", "127.0.0.1:0"}, out, out) }()

	url := regexp.MustCompile(`serving .* at (http://\S+) `)
	var m []string
	for deadline := time.Now().Add(30 * time.Second); m == nil; time.Sleep(20 * time.Millisecond) {
		if m = url.FindStringSubmatch(out.String()); m == nil && time.Now().After(deadline) {
			cancel()
			t.Fatalf("no URL printed within 30 s; output:\n%s", out)
		}
	}
	resp, err := http.Get(m[1] + "events/a/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Body.") {
		t.Errorf("GET %sevents/a/: %s, want the event's page", m[1], resp.Status)
	}

	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after an interrupt, want 0; output:\n%s", c, out)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("still serving 30 s after an interrupt")
	}
}

func TestServeMemoryLimit(t *testing.T) {
	small := t.TempDir()
	if got := serveMemoryLimit(small); got != 150<<20 {
		t.Errorf("limit for an empty site: %d, want 150 MiB", got)
	}
	// An archive whose build needs more than half of 150 MiB gets room
	// for two builds.
	big := t.TempDir()
	events := filepath.Join(big, "content", "events")
	if err := os.MkdirAll(events, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 20000 {
		if err := os.WriteFile(filepath.Join(events, fmt.Sprintf("e%d.md", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := serveMemoryLimit(big), 2*build.MemoryLimit(big); got != want || got <= 150<<20 {
		t.Errorf("limit for 20,000 events: %d, want %d (twice a build's), over 150 MiB", got, want)
	}
}
