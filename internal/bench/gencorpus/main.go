// Command gencorpus writes a synthetic archive for benchmarks: a vitrine
// site and, optionally, the same archive as a minimal Hugo site.
//
// Usage:
//
//	go run ./internal/bench/gencorpus -n 10000 -out DIR [-hugo DIR] [-seed N] [-page-size N]
//
// DIR must be empty or not exist yet. See package corpus for what the
// archive holds.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/vitrine-archive/vitrine/internal/bench/corpus"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
		}
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of events")
	out := fs.String("out", "", "`folder` to write the vitrine site into (required)")
	hugo := fs.String("hugo", "", "`folder` to write the equivalent Hugo site into (optional)")
	seed := fs.Uint64("seed", corpus.DefaultSeed, "random seed; the same seed gives the same files")
	pageSize := fs.Int("page-size", 0, "page_size in site.yaml (default: leave vitrine's 20)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 || *n < 0 {
		fs.Usage()
		return errors.New("want -out DIR, a number of events -n of 0 or more, and no other arguments")
	}
	c := corpus.New(corpus.Options{Events: *n, Seed: *seed, PageSize: *pageSize})
	start := time.Now()
	for _, dest := range []struct {
		dir   string
		write func(corpus.EmitFunc) error
	}{{*out, c.Vitrine}, {*hugo, c.Hugo}} {
		if dest.dir == "" {
			continue
		}
		if err := checkEmpty(dest.dir); err != nil {
			return err
		}
		if err := dest.write(corpus.WriteDir(dest.dir)); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d events (%d drafts) in %s\n", *n, c.Drafts(), time.Since(start).Round(time.Millisecond))
	return nil
}

// checkEmpty refuses to write into a folder that holds files already:
// a mixed corpus would measure nothing in particular.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}
