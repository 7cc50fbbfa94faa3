package server

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// The dev server's own URLs. No page of a site has a name starting with
// "_", so they cannot hide one.
const (
	livePrefix   = "/_vitrine/"
	liveScript   = livePrefix + "live.js"
	liveEndpoint = livePrefix + "events" // Server-Sent Events
)

//go:embed live.js
var liveJS []byte

// An event is one Server-Sent Event.
type event struct {
	name string // "reload", "css", "hello"
	data string // one line
}

// reloadEvent tells browsers to reload the page.
func reloadEvent(version string) event { return event{"reload", version} }

// cssEvent tells browsers to swap the stylesheets at paths (site paths
// such as "/style.css") without reloading.
func cssEvent(version string, paths []string) event {
	data, _ := json.Marshal(struct {
		Version string   `json:"version"`
		Paths   []string `json:"paths"`
	}{version, paths})
	return event{"css", string(data)}
}

// broker sends events to every browser listening.
type broker struct {
	mu      sync.Mutex
	clients map[chan event]bool
	done    chan struct{} // closed when the server shuts down
	closing sync.Once
}

func newBroker() *broker {
	return &broker{clients: map[chan event]bool{}, done: make(chan struct{})}
}

// send sends ev to every browser listening. A browser too slow to take
// it misses it, and catches up with the "hello" of its next connection.
func (b *broker) send(ev event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- ev:
		default:
		}
	}
}

// close ends every stream, so that http.Server.Shutdown need not wait for
// them: they never end by themselves.
func (b *broker) close() { b.closing.Do(func() { close(b.done) }) }

// keepAlive is how often an idle stream gets a comment, so that proxies
// and browsers do not take it for dead.
const keepAlive = 30 * time.Second

// serve streams events to one browser until it leaves or the server
// shuts down. The stream opens with a "hello" carrying the version of
// the site being served.
func (b *broker) serve(w http.ResponseWriter, r *http.Request, version func() string) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming not supported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 8)
	b.mu.Lock()
	b.clients[c] = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.clients, c)
		b.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	// Registered first, then the version read: a build between the two is
	// both in the hello and sent as an event, never neither.
	fmt.Fprintf(w, "retry: 1000\n")
	write(w, event{"hello", version()})
	flusher.Flush()

	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		case ev := <-c:
			write(w, ev)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		flusher.Flush()
	}
}

func write(w http.ResponseWriter, ev event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
}
