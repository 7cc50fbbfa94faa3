// vitrine's live reload, injected into every page the dev server serves.
// It listens to the server's events: "reload" reloads the page, "css"
// swaps the changed stylesheets in place, and "hello", sent on every
// (re)connection, reloads the page when it is older than the server's
// last build: a build happened while it was disconnected, or the server
// was restarted.
(() => {
  const script = document.currentScript;
  let version = script.dataset.version;
  const endpoint = new URL("events", script.src).pathname;

  // swap replaces the stylesheets among paths (site paths such as
  // "/style.css") with fresh copies, removing each old one only once
  // its replacement has loaded so that the page never flashes unstyled.
  // It reports whether the page had any of them.
  const swap = (paths) => {
    let found = false;
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !paths.includes(url.pathname)) continue;
      found = true;
      url.searchParams.set("vitrine", Date.now().toString(36));
      const next = link.cloneNode();
      next.href = url.href;
      next.addEventListener("load", () => link.remove(), { once: true });
      link.after(next);
    }
    return found;
  };

  const connect = () => {
    const events = new EventSource(endpoint);
    events.addEventListener("hello", (e) => {
      if (e.data !== version) location.reload();
    });
    events.addEventListener("reload", () => location.reload());
    events.addEventListener("css", (e) => {
      const msg = JSON.parse(e.data);
      if (swap(msg.paths)) version = msg.version;
      else location.reload();
    });
    // EventSource retries by itself after a dropped connection, but
    // gives up for good after some failures: start again then.
    events.addEventListener("error", () => {
      if (events.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    });
  };
  connect();
})();
