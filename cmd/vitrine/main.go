// Command vitrine builds a static archive of cultural livestreams from
// Markdown files.
//
// Usage:
//
//	vitrine build [-source DIR] [-dest DIR] [-base-url URL] [-drafts] [-force]
//	vitrine serve [-source DIR] [-addr HOST:PORT] [-drafts]
//	vitrine check [-source DIR] [-drafts]
//
// Run "vitrine help" or "vitrine <command> -h" for details. Exit status
// is 0 on success, 1 when the site has errors (each printed as
// "path:line: message", then a count), and 2 when the command is misused.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/build"
	"github.com/vitrine-archive/vitrine/internal/content"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the site has errors, or the build failed
	exitUsage = 2 // the command line is wrong
)

const usage = `vitrine builds a static archive of cultural livestreams from Markdown files.

Usage:

	vitrine <command> [flags]

Commands:

	build    build the site into a folder, ready for any static host
	serve    build and serve the site locally, rebuilding and reloading on every change
	check    check the whole site for errors without writing anything

Run "vitrine <command> -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// errUsage marks a misuse of the command line, already explained to the user.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		err = runBuild(ctx, rest, stdout, stderr)
	case "serve":
		err = runServe(ctx, rest, stdout, stderr)
	case "check":
		err = runCheck(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "vitrine: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	return report(err, stderr)
}

// report prints err the way editors' tools read it and returns the exit status.
func report(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "vitrine: interrupted; nothing was published")
		return exitError
	}
	if list := content.AsList(err); list != nil {
		for _, e := range list {
			fmt.Fprintln(stderr, e)
		}
		n := len(list)
		fmt.Fprintf(stderr, "%d %s\n", n, plural(n, "error", "errors"))
		return exitError
	}
	fmt.Fprintf(stderr, "vitrine: %v\n", err)
	return exitError
}

// newFlagSet returns a flag set that reports misuse as errUsage.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: vitrine %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "vitrine %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", "build [-source DIR] [-dest DIR] [-base-url URL] [-drafts] [-force]", stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "the site's `folder`, holding content/ (and optionally templates/ and static/)")
	fs.StringVar(&opts.Dest, "dest", "public", "the `folder` to publish the site into; replaced only when the build succeeds")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the `URL` the site is served at, e.g. https://example.org/archive/ (default: base_url in content/site.yaml)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include events and pages marked draft: true")
	fs.BoolVar(&opts.Force, "force", false, "build even when nothing changed since the last build into -dest")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts.Theme = vitrine.Theme
	if dir, err := os.UserCacheDir(); err == nil {
		// Where the record of the last build lives ($XDG_CACHE_HOME/vitrine).
		opts.CacheDir = filepath.Join(dir, "vitrine")
	}
	tuneGC(&opts)
	rep, err := build.Build(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, rep)
	return nil
}

// tuneGC sets the garbage collector up for building the site opts
// describes, as build.MemoryLimit and build.GCPercent advise, unless
// GOMEMLIMIT or GOGC say otherwise: no collection while the content
// loads unless the memory limit is reached, then collections at the
// build's pace.
func tuneGC(opts *build.Options) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(build.MemoryLimit(opts.Source))
	}
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(build.GCPercent)
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		return // GOMEMLIMIT=off: without a limit the heap would grow unchecked
	}
	opts.Loading = func() { debug.SetGCPercent(-1) }
	opts.Loaded = func() { debug.SetGCPercent(build.GCPercent) }
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "check [-source DIR] [-drafts]", stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "the site's `folder`, holding content/ (and optionally templates/ and static/)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "check events and pages marked draft: true too")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts.Theme = vitrine.Theme
	tuneGC(&opts)
	rep, err := build.Check(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "no errors: %d pages and %d static files checked in %s\n", rep.TotalPages(), rep.Static, rep.Duration.Round(time.Millisecond))
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
