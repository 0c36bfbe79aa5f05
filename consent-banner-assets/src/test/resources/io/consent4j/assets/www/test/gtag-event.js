// Stands in for a Google tag: it may only ever run after the Consent Mode default.
gtag('event', 'page_view');
