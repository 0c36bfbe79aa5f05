// Records every gtag call, so tests can check the order of Consent Mode commands.
window.dataLayer = window.dataLayer || [];
window.gtagCalls = [];
window.gtag = function () {
  window.gtagCalls.push(JSON.parse(JSON.stringify(Array.prototype.slice.call(arguments))));
  window.dataLayer.push(arguments);
};
