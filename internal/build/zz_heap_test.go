package build

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"testing"

	"github.com/vitrine-archive/vitrine"
)

type heapOut struct {
	mu sync.Mutex
	n  int
}

func (h *heapOut) WriteFile(string, []byte) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.n++
	if h.n == 12000 {
		runtime.GC()
		f, _ := os.Create("/tmp/heap.prof")
		pprof.WriteHeapProfile(f)
		f.Close()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		println("heap inuse MB", m.HeapInuse>>20, "sys", m.Sys>>20)
	}
	return nil
}

func TestZZHeap(t *testing.T) {
	src := os.Getenv("PROF_SRC")
	if src == "" {
		t.Skip()
	}
	if _, err := Run(context.Background(), Options{Source: src, Theme: vitrine.Theme}, &heapOut{}); err != nil {
		t.Fatal(err)
	}
}
