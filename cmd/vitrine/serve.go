package main

import (
	"context"
	"io"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [-source DIR] [-addr HOST:PORT] [-drafts]", stderr)
	opts := server.Options{Theme: vitrine.Theme, Log: stdout}
	fs.StringVar(&opts.Source, "source", ".", "the site's `folder`, holding content/ (and optionally templates/ and static/)")
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "the `address` to listen on; the default is reachable from this computer only")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include events and pages marked draft: true")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	srv, err := server.New(opts)
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}
