// The live feed: /v1/events as server-sent events. EventSource reconnects
// by itself and sends Last-Event-ID, so what happened while the link was
// down arrives on return; the state (live, reconnecting) is shown.
// A stream the server refuses (401, 503) the browser gives up on: then
// onRefused, if given, may look into why (a session the server no longer
// knows) before we try again ourselves.
export function follow({ onEvent, onState, onRefused = () => {} }) {
  let source = null;
  let closed = false;
  let retry = null;
  const open = () => {
    source = new EventSource('/v1/events');
    source.onopen = () => onState('live');
    source.onerror = () => {
      if (closed) return;
      onState('reconnecting');
      // A refused stream is closed by the browser for good: try again
      // ourselves after a while.
      if (source.readyState === EventSource.CLOSED) {
        clearTimeout(retry);
        Promise.resolve()
          .then(onRefused)
          .catch(() => {})
          .then(() => {
            if (!closed) retry = setTimeout(open, 3000);
          });
      }
    };
    for (const name of ['incident', 'incident_removed', 'determination', 'complete', 'presence']) {
      source.addEventListener(name, (e) => {
        let data = null;
        try {
          data = JSON.parse(e.data);
        } catch {
          return;
        }
        onEvent(name, data, e.lastEventId);
      });
    }
  };
  open();
  return () => {
    closed = true;
    clearTimeout(retry);
    if (source) source.close();
  };
}
