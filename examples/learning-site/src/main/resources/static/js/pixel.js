// A stand-in for a marketing pixel: it reports the page view with an image request.
// The page includes it gated, so it runs only after marketing consent.
(function () {
  new Image(1, 1).src = '/pixel.gif?page=' + encodeURIComponent(location.pathname);
  (window.siteRan = window.siteRan || []).push('marketing');
})();
