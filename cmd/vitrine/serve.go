package main

import (
	"context"
	"io"
	"os"
	"runtime/debug"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/build"
	"github.com/vitrine-archive/vitrine/internal/server"
)

// serveMemoryLimit is the dev server's soft memory limit for the site
// at source: room for two builds (while a full rebuild runs, the site
// being served and the one being built are both in memory), and never
// less than 150 MiB.
func serveMemoryLimit(source string) int64 {
	return max(150<<20, 2*build.MemoryLimit(source))
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [-source DIR] [-addr HOST:PORT] [-drafts]", stderr)
	opts := server.Options{Theme: vitrine.Theme, Log: stdout}
	fs.StringVar(&opts.Source, "source", ".", "the site's `folder`, holding content/ (and optionally templates/ and static/)")
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "the `address` to listen on; the default is reachable from this computer only")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include events and pages marked draft: true")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// A soft limit makes the garbage collector work harder near it rather
	// than let the process grow; GOMEMLIMIT, when set, takes precedence.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit(opts.Source))
	}
	srv, err := server.New(opts)
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}
