// A stand-in for a web-analytics tracker such as Matomo: it sets its visitor and session cookies
// and counts the page view. The page includes it gated, so it runs only after analytics consent.
(function () {
  var id = Math.random().toString(16).slice(2, 18);
  var now = Math.floor(Date.now() / 1000);
  document.cookie = '_pk_id.1.c4j=' + id + '.' + now + '; path=/; max-age=' + 60 * 60 * 24 * 393 + '; SameSite=Lax';
  document.cookie = '_pk_ses.1.c4j=1; path=/; max-age=1800; SameSite=Lax';
  (window.siteRan = window.siteRan || []).push('analytics');
})();
