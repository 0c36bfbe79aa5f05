/*! consent4j Consent Mode defaults | Apache-2.0 | https://consent4j.io */
// Google Consent Mode v2 (C20) and tools' consent APIs: defaults and the stored choice before any tag, so
// that consent.js can be deferred. State: the data block, or what GET /consent/consent-mode.js put first.
(function (w, d) {
  var e = d.getElementById('consent4j-config');
  var s = e ? JSON.parse(e.textContent).state : w.consent4jState;
  if (!s) return;
  var g = s.googleConsentMode || {};
  if (g.enabled) {
    w.dataLayer = w.dataLayer || [];
    if (!w.gtag) w.gtag = function () { w.dataLayer.push(arguments); };
    (g.regions || []).forEach(function (r) { w.gtag('consent', 'default', r); });
    w.gtag('consent', 'default', g['default']);
    if (g.urlPassthrough) w.gtag('set', 'url_passthrough', true);
    if (g.adsDataRedaction) w.gtag('set', 'ads_data_redaction', true);
    if (s.consentId) w.gtag('consent', 'update', g.update);
  }
  // Meta's snippet does nothing when fbq exists: never stub it.
  function fb(s) {
    var m = (s.consentApis || {}).meta;
    if (m != null && w.fbq) w.fbq('consent', m ? 'grant' : 'revoke');
  }
  // Before any tag (c falsy), then after every choice (consent.js's change event).
  function apis(s, c) {
    var a = s.consentApis || {}, m = a.matomo, p, u;
    if (m != null) {
      p = w._paq = w._paq || [];
      if (!c) p.push(['requireConsent']);
      // Matomo's own consent cookie must not outlive a withdrawal made elsewhere.
      if (m) p.push([c ? 'rememberConsentGiven' : 'setConsentGiven']);
      else if (c || /(^|; )mtm_consent=/.test(d.cookie)) p.push(['forgetConsentGiven']);
    }
    if (a.clarity) {
      w.clarity = w.clarity || function () { (w.clarity.q = w.clarity.q || []).push(arguments); };
      w.clarity('consentv2', a.clarity);
    }
    if (a.uet) {
      u = w.uetq = w.uetq || [];
      if (!c) u.push('consent', 'default', { ad_storage: 'denied' });
      if (c || s.consentId) u.push('consent', 'update', a.uet);
    }
    fb(s);
  }
  apis(s);
  d.addEventListener('consent4j:ready', function (e) { fb(e.detail); });
  d.addEventListener('consent4j:change', function (e) { apis(e.detail, 1); });
  w.consent4jConsentMode = 1;
})(window, document);
