document.getElementById('trial').addEventListener('click', function (e) {
  window.trackEvent('Signup', { plan: e.target.getAttribute('data-plan') });
  document.getElementById('thanks').hidden = false;
});
