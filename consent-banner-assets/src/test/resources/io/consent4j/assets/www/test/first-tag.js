// Stands in for the first tag of a page: records what Consent Mode and the consent APIs held when it ran.
(function (w) {
  function list(a) { return JSON.parse(JSON.stringify(Array.prototype.slice.call(a))); }
  w.firstTag = {
    dataLayer: (w.dataLayer || []).map(list),
    paq: list(w._paq || []),
    clarity: ((w.clarity && w.clarity.q) || []).map(list),
    uetq: list(w.uetq || [])
  };
  // The Meta pixel's fbq, defined by its snippet after consent-mode.js ran.
  w.fbqCalls = [];
  w.fbq = function () { w.fbqCalls.push(list(arguments)); };
})(window);
