/* Footfall client; see the README's "Client script". */
(function (w, d) {
  var s = d.currentScript, l = w.location, n = w.navigator, h = w.history, last;
  var attr = function (k) { return s.getAttribute('data-' + k); };
  var api = attr('api') || s.src.replace(/analytics\.js([?#].*)?$/, 'api/event');
  var hash = attr('hash') !== null;
  var queue = w.trackEvent && w.trackEvent.q || [];

  function ignored() {
    try { if (localStorage.footfall_ignore == 'true') return 1; } catch (e) {}
    return n.webdriver && attr('allow-webdriver') == null || attr('allow-local') == null &&
      (/^(localhost|127\.|\[::1\]$)/.test(l.hostname) || l.protocol == 'file:');
  }

  function id(store, key) {
    try {
      var v = store.getItem(key);
      if (!v) store.setItem(key, v = Math.random().toString(36).slice(2));
      return v;
    } catch (e) {}
  }

  function send(name, props, opts) {
    if (ignored()) return;
    var e = { n: name, u: l.href, d: attr('domain') || l.hostname, r: d.referrer || null,
      website_id: attr('website-id'), p: props, i: !(opts && opts.interactive === false), h: hash };
    if (attr('identity') === 'storage') {
      e.visitor_id = id(localStorage, 'footfall_vid');
      e.session_id = id(sessionStorage, 'footfall_sid');
    }
    var body = JSON.stringify(e);
    if (!(n.sendBeacon && n.sendBeacon(api, body))) {
      fetch(api, { method: 'POST', body: body, keepalive: true }).catch(function () {});
    }
  }

  function pageview() {
    var path = l.pathname + (hash ? l.hash : '');
    if (path !== last) {
      last = path;
      send('pageview');
    }
  }

  w.trackEvent = send;
  for (var i = 0; i < queue.length; i++) send.apply(w, queue[i]);
  ['pushState', 'replaceState'].forEach(function (m) {
    var original = h[m];
    h[m] = function () { original.apply(this, arguments); pageview(); };
  });
  w.addEventListener('popstate', pageview);
  if (hash) w.addEventListener('hashchange', pageview);
  pageview();
})(window, document);
