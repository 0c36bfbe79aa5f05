/*! consent4j Consent Mode defaults | Apache-2.0 | https://consent4j.io */
// Google Consent Mode v2 (C20): the defaults, and the stored choice, before any tag of the page runs.
// A small blocking script of its own, so that consent.js itself can be deferred and never hold up the
// page's first paint. It reads the data block that precedes it; without one, consent.js sets them.
(function (w, d) {
  var e = d.getElementById('consent4j-config');
  var s = e && JSON.parse(e.textContent).state;
  var g = s && s.googleConsentMode;
  if (!g || !g.enabled) return;
  w.dataLayer = w.dataLayer || [];
  if (!w.gtag) w.gtag = function () { w.dataLayer.push(arguments); };
  w.gtag('consent', 'default', g['default']);
  if (s.consentId) w.gtag('consent', 'update', g.update);
  w.consent4jConsentMode = 1;
})(window, document);
