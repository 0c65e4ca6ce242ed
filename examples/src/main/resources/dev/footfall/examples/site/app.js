// A tiny client-side router: links inside nav.app change the view without a page load.
(function () {
  var shownAt = Date.now();
  function render() {
    var name = location.pathname.replace(/^\/app\/?/, '') || 'overview';
    document.getElementById('view').textContent = name.charAt(0).toUpperCase() + name.slice(1);
  }
  document.querySelector('nav.app').addEventListener('click', function (e) {
    if (e.target.tagName !== 'A') return;
    e.preventDefault();
    history.pushState({}, '', e.target.getAttribute('href'));
    render();
  });
  window.addEventListener('popstate', render);
  window.addEventListener('pagehide', function () {
    if (window.trackEvent) {
      window.trackEvent('Time on page', { seconds: Math.round((Date.now() - shownAt) / 1000) },
        { interactive: false });
    }
  });
  render();
})();
