/*! consent4j banner | Apache-2.0 | https://consent4j.io */
(function (w, d) {
  'use strict';
  if (w.consent4j) return;
  var me = d.currentScript;
  var endpoint = (me && me.getAttribute('data-endpoint')) || '/consent';
  var cfg, st, T, root, bar, dlg, live, opener, back;
  var ran = {}; // categories and services whose gated scripts ran on this page
  var done;
  var ready = new Promise(function (r) { done = r; });

  // --- helpers ----------------------------------------------------------------
  function el(tag, attrs, kids) {
    var e = d.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v === false || v == null) continue;
      if (k === 'text') e.textContent = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function btn(key, action, cls) {
    return el('button', { type: 'button', 'class': 'c4j-btn' + (cls || ''), text: T[key], onclick: action });
  }
  function links() {
    return el('p', { 'class': 'c4j-links' }, [
      cfg.links.privacyPolicy && el('a', { href: cfg.links.privacyPolicy, text: T.privacyPolicy }),
      cfg.links.imprint && el('a', { href: cfg.links.imprint, text: T.imprint })
    ]);
  }
  function svc(id) {
    return cfg.services.filter(function (s) { return s.id === id; })[0];
  }
  function has(list, x) { return (list || []).indexOf(x) >= 0; }
  function emit(name) {
    d.dispatchEvent(new CustomEvent('consent4j:' + name, { detail: st }));
  }
  function json(r) {
    if (!r.ok) throw new Error('consent4j: ' + r.status + ' from ' + endpoint);
    return r.json();
  }

  // Whether a category or service may run: granted by the visitor and not objected to by a signal.
  function allowedIn(x, id) {
    if (!x) return false;
    var s = svc(id), den = x.deniedBySignal || [];
    if (s) return has(x.services, id) && !has(den, s.category);
    return has(x.categories, id) && !has(den, id);
  }
  function allowed(id) { return allowedIn(st, id); }
  function required(id) {
    return cfg.categories.some(function (c) { return c.id === id && c.required; });
  }
  // A known service decides alone (it may be granted from its placeholder); otherwise its category.
  function gateOk(e) {
    var s = e.getAttribute('data-service');
    return svc(s) ? allowed(s) : allowed(e.getAttribute('data-consent'));
  }

  // --- Google Consent Mode v2 (C20) -------------------------------------------
  function gtag() {
    w.dataLayer = w.dataLayer || [];
    if (!w.gtag) w.gtag = function () { w.dataLayer.push(arguments); };
    w.gtag.apply(w, arguments);
  }
  function consentMode(kind) {
    var g = st.googleConsentMode;
    if (g && g.enabled) gtag('consent', kind, g[kind]);
  }

  // --- gated scripts (C1) and embeds ------------------------------------------
  function activate() {
    var chain = Promise.resolve();
    d.querySelectorAll('script[type="text/plain"][data-consent]').forEach(function (old) {
      if (!gateOk(old)) return;
      chain = chain.then(function () {
        var s = d.createElement('script');
        for (var i = 0; i < old.attributes.length; i++) {
          var a = old.attributes[i];
          if (a.name !== 'type' && a.name !== 'data-src') s.setAttribute(a.name, a.value);
        }
        s.type = old.getAttribute('data-type') || 'text/javascript';
        if (old.nonce) s.nonce = old.nonce;
        var src = old.getAttribute('data-src') || old.getAttribute('src');
        ran[old.getAttribute('data-consent')] = ran[old.getAttribute('data-service')] = 1;
        if (!src) {
          s.text = old.text;
          old.replaceWith(s);
          return;
        }
        s.src = src;
        var wait = !old.hasAttribute('async') && !old.hasAttribute('defer');
        s.async = !wait;
        var p = new Promise(function (r) { s.onload = s.onerror = r; });
        old.replaceWith(s);
        if (wait) return p; // keeps document order for classic scripts
      });
    });
    d.querySelectorAll('iframe[data-consent-src]').forEach(embed);
    return chain;
  }
  function embed(f) {
    var ph = f.previousElementSibling;
    ph = ph && ph.classList.contains('c4j-ph') ? ph : null;
    if (gateOk(f)) {
      if (ph) ph.remove();
      f.hidden = false;
      if (f.getAttribute('src') !== f.getAttribute('data-consent-src')) f.src = f.getAttribute('data-consent-src');
      return;
    }
    var h = f.offsetHeight;
    if (f.getAttribute('src')) f.removeAttribute('src');
    f.hidden = true;
    if (ph) return;
    var id = f.getAttribute('data-service'), s = svc(id);
    var who = (s && (s.provider || s.name)) || f.getAttribute('data-consent') || '';
    f.before(ph = el('div', { 'class': 'c4j c4j-ph' }, [
      el('p', { text: T.embedPlaceholder.split('{provider}').join(who) }),
      el('button', {
        type: 'button', 'class': 'c4j-btn', text: T.embedLoad,
        onclick: function () {
          if (s) post({ action: 'grant_service', categories: [], services: [id], layer: 'embed_placeholder' });
          else showSettings();
        }
      })
    ]));
    // Takes the frame's height, so the page does not move (CSSOM, which a strict CSP allows).
    if (h) ph.style.minHeight = h + 'px';
  }

  // --- withdrawal (C14) ---------------------------------------------------------
  function forget(before) {
    var gone = [], reload = false;
    before.categories.concat(before.services).forEach(function (id) {
      if (allowedIn(before, id) && !allowed(id)) {
        gone.push(id);
        if (ran[id]) reload = true;
      }
    });
    var pats = [];
    cfg.services.forEach(function (s) {
      if (has(gone, s.id) || has(gone, s.category)) {
        (s.cookies || []).forEach(function (c) {
          if (!c.thirdParty) pats.push(new RegExp('^' + c.name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$'));
        });
      }
    });
    if (!pats.length) return reload;
    var host = location.hostname.split('.'), doms = [''], paths = ['/'], p = '';
    for (var i = 0; i < host.length - 1; i++) doms.push('; domain=' + host.slice(i).join('.'));
    location.pathname.split('/').slice(1).forEach(function (seg) { p += '/' + seg; paths.push(p); });
    d.cookie.split(';').forEach(function (kv) {
      var n = kv.split('=')[0].trim();
      if (!pats.some(function (r) { return r.test(n); })) return;
      doms.forEach(function (dm) {
        paths.forEach(function (pa) {
          d.cookie = n + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=' + pa + dm;
        });
      });
    });
    return reload;
  }

  // --- talking to the server ----------------------------------------------------
  function post(body) {
    var before = st;
    return fetch(endpoint, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(json).then(function (res) {
      st = res.state;
      st.receipt = res.receipt;
      consentMode('update');
      var msg = body.action === 'withdraw' ? 'withdrawn' : 'saved';
      if (forget(before)) {
        history.replaceState(history.state, '', '#c4j-' + msg);
        location.reload();
        return st;
      }
      hideAll();
      sync();
      say(T[msg]);
      return activate().then(function () {
        emit('change');
        return st;
      });
    });
  }
  function granted() {
    return st.categories.some(function (c) { return !required(c); }) ||
      st.services.some(function (s) { return !required((svc(s) || {}).category); });
  }
  // One-click withdrawal shows while there is something to withdraw (C14); a reload keeps the message in the URL.
  function sync() {
    d.querySelectorAll('.c4j-wd form').forEach(function (f) { f.hidden = !granted(); });
  }
  function say(text) {
    live.textContent = text;
    d.querySelectorAll('.c4j-msg').forEach(function (m) { m.textContent = text; });
  }
  // Rejecting everything after having granted something optional is a withdrawal, and recorded as one.
  function choose(action, layer) {
    if (action === 'reject_all' && st.consentId && granted()) action = 'withdraw';
    return post({ action: action, categories: [], services: [], layer: layer });
  }
  function save() {
    var cats = [], svcs = [];
    dlg.querySelectorAll('input[data-c]:checked:not(:disabled)').forEach(function (i) { cats.push(i.getAttribute('data-c')); });
    dlg.querySelectorAll('input[data-s]:checked:not(:disabled)').forEach(function (i) { svcs.push(i.getAttribute('data-s')); });
    return post({ action: 'custom', categories: cats, services: svcs, layer: 'settings' });
  }

  // --- the first layer (C4, C5, C9, C10) ------------------------------------------
  // The server renders this markup (a form without JavaScript); the script builds it where it is missing.
  function build() {
    root = d.querySelector('.c4j-root');
    if (!root) {
      var sub = function (v, key) {
        return el('button', { type: 'submit', 'class': 'c4j-btn', name: v ? 'action' : false, value: v || false, text: T[key] });
      };
      root = el('div', { 'class': 'c4j c4j-root', lang: cfg.locale, tabindex: '-1' }, [
        el('div', {
          'class': 'c4j-bar', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'c4j-t',
          'aria-describedby': 'c4j-d', tabindex: '-1', hidden: true
        }, [
          el('h2', { id: 'c4j-t', 'class': 'c4j-h', text: T.title }),
          el('p', { id: 'c4j-d', text: T.description }),
          st.parentalConsentRequired && el('p', { 'class': 'c4j-note', text: T.parentalConsentRequired }),
          el('form', { 'class': 'c4j-row' }, [sub('accept_all', 'acceptAll'), sub('reject_all', 'rejectAll'), sub('', 'settings')]),
          links()
        ]),
        el('p', { 'class': 'c4j-sr', role: 'status' })
      ]);
      d.body.prepend(root);
    }
    bar = root.querySelector('.c4j-bar');
    live = root.querySelector('[role=status]');
    bar.addEventListener('click', function (e) {
      var b = e.target.closest('.c4j-row button');
      if (!b) return;
      e.preventDefault();
      if (b.value) choose(b.value, 'first_layer');
      else showSettings();
    });
    // C28: a child asks for a link a parent opens on any device; only necessary is active until then.
    // The server renders the form (it works without script); the script shows the link in place.
    if (st.parentalConsentRequired) {
      var box = bar.querySelector('[data-c4j-plink]');
      if (!box) {
        box = el('form', { 'class': 'c4j-note' }, [el('button', { 'class': 'c4j-btn', text: T.parentLink })]);
        bar.insertBefore(box, bar.querySelector('.c4j-row'));
      }
      box.addEventListener('submit', function (e) {
        e.preventDefault();
        var b = box.querySelector('button');
        if (b.disabled) return;
        b.disabled = true;
        fetch(endpoint + '/parent-link', { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(json).then(function (r) {
          box.appendChild(el('p', { text: T.parentLinkReady }));
          box.appendChild(el('input', { id: 'c4j-plink', type: 'text', readonly: true, value: r.link,
            'aria-label': T.parentLink, onfocus: function (f) { f.target.select(); } }));
        });
      });
    }
  }

  // --- the settings layer (C6, C7, C8, C13) ----------------------------------------
  function toggle(attrs, desc) {
    return el('label', { 'class': 'c4j-sw' }, [
      el('input', Object.assign({ type: 'checkbox', role: 'switch', 'aria-describedby': desc }, attrs))
    ]);
  }
  function cookieTable(s) {
    if (!s.cookies || !s.cookies.length) return null;
    var cols = ['cookieName', 'provider', 'purpose', 'lifetime', 'thirdParty'];
    return el('table', { 'class': 'c4j-tbl' }, [
      el('thead', {}, [el('tr', {}, cols.map(function (k) { return el('th', { scope: 'col', text: T[k] }); }))]),
      el('tbody', {}, s.cookies.map(function (c) {
        return el('tr', {}, [c.name, s.provider, c.description || s.purpose, c.lifetime, c.thirdPartyText]
          .map(function (v, i) { return el('td', { 'data-l': T[cols[i]], text: v }); }));
      }))
    ]);
  }
  function settings() {
    var cats = cfg.categories.map(function (c) {
      var req = c.required, dId = 'c4j-cd-' + c.id;
      var svcs = c.services.map(svc).filter(Boolean);
      return el('section', { 'class': 'c4j-cat' }, [
        el('div', { 'class': 'c4j-catrow' }, [
          el('h3', { 'class': 'c4j-h3', text: c.label }),
          req ? el('span', { 'class': 'c4j-on', text: T.alwaysActive }) : null,
          toggle({ 'data-c': c.id, checked: req || has(st.categories, c.id), disabled: req, 'aria-label': c.label,
            onchange: function (e) {
              dlg.querySelectorAll('input[data-in="' + c.id + '"]').forEach(function (i) { i.checked = e.target.checked; });
            } }, dId)
        ]),
        el('p', { id: dId, text: c.description }),
        svcs.length ? el('details', {}, [
          el('summary', { text: T.services + ' (' + svcs.length + ')' }),
          el('ul', { 'class': 'c4j-svcs' }, svcs.map(function (s) {
            var pId = 'c4j-sp-' + s.id;
            return el('li', {}, [
              el('div', { 'class': 'c4j-catrow' }, [
                el('h4', { 'class': 'c4j-h4', text: s.name + (s.provider && s.provider !== s.name ? ' · ' + s.provider : '') }),
                toggle({ 'data-s': s.id, 'data-in': c.id, checked: req || has(st.services, s.id),
                  disabled: req, 'aria-label': s.name,
                  onchange: function () {
                    dlg.querySelector('input[data-c="' + c.id + '"]').checked =
                      !!dlg.querySelector('input[data-in="' + c.id + '"]:checked');
                  } }, pId)
              ]),
              el('p', { id: pId, text: T.purpose + ': ' + s.purpose }),
              s.privacyPolicyUrl && el('p', {}, [el('a', { href: s.privacyPolicyUrl, text: T.privacyPolicy + ': ' + s.name })]),
              cookieTable(s)
            ]);
          }))
        ]) : null
      ]);
    });
    dlg = el('dialog', { 'class': 'c4j c4j-dlg', 'aria-labelledby': 'c4j-st', 'aria-describedby': 'c4j-sd',
      lang: cfg.locale, tabindex: '-1', onclose: closed, onkeydown: trap }, [
      el('div', { 'class': 'c4j-head' }, [
        el('h2', { id: 'c4j-st', 'class': 'c4j-h', text: T.settingsTitle }),
        el('button', { type: 'button', 'class': 'c4j-x', 'aria-label': T.close, text: '×', onclick: function () { dlg.close(); } })
      ]),
      el('p', { id: 'c4j-sd', text: T.settingsDescription }),
      st.parentalConsentRequired && el('p', { 'class': 'c4j-note', text: T.parentalConsentRequired }),
      el('div', {}, cats),
      el('div', { 'class': 'c4j-row c4j-foot' }, [
        btn('save', save),
        btn('rejectAll', function () { choose('reject_all', 'settings'); }),
        btn('acceptAll', function () { choose('accept_all', 'settings'); })
      ]),
      links()
    ]);
    root.appendChild(dlg);
  }
  function focusables(box) {
    return [].filter.call(box.querySelectorAll('button,a[href],input,summary'), function (e) {
      return !e.disabled && e.getClientRects().length;
    });
  }
  function trap(e) {
    if (e.key !== 'Tab') return;
    var f = focusables(dlg), first = f[0], last = f[f.length - 1];
    if (e.shiftKey ? d.activeElement === first || d.activeElement === dlg : d.activeElement === last) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  }

  // --- showing and hiding -------------------------------------------------------------
  function remember() {
    var a = d.activeElement;
    if (!root.contains(a)) opener = a;
  }
  function restore() {
    var o = opener;
    opener = null;
    if (o && o.focus && d.contains(o) && o !== d.body) o.focus();
    else if (root.contains(d.activeElement)) root.focus(); // where the banner took focus, not <body>
  }
  function showBar() {
    remember();
    bar.hidden = false;
    bar.focus();
  }
  function showSettings() {
    return ready.then(function () {
      remember();
      back = d.activeElement;
      if (dlg) dlg.remove();
      settings();
      bar.hidden = true;
      dlg.showModal();
      dlg.focus();
    });
  }
  // Closing or Escape never grants anything (C3): the first layer comes back while no choice is stored.
  function closed() {
    if (!st.showBanner) return restore();
    bar.hidden = false;
    (bar.contains(back) ? back : bar).focus();
  }
  function hideAll() {
    st.showBanner = false;
    bar.hidden = true;
    if (dlg && dlg.open) dlg.close();
    else restore();
  }

  // --- start ---------------------------------------------------------------------------
  function start(c) {
    cfg = c;
    st = c.state;
    T = c.texts;
    // consent-mode.js, when the page has it, set these before any tag already.
    if (!w.consent4jConsentMode) {
      consentMode('default');
      if (st.consentId) consentMode('update');
    }
    function go() {
      build();
      d.addEventListener('click', function (e) {
        var t = e.target.closest && e.target.closest('[data-consent-open],[data-consent-withdraw]');
        if (!t) return;
        e.preventDefault();
        if (t.hasAttribute('data-consent-open')) showSettings();
        else choose('withdraw', 'settings');
      });
      if (st.showBanner) showBar();
      else bar.hidden = true;
      sync();
      var m = /^#c4j-(saved|withdrawn)$/.exec(location.hash);
      if (m) {
        history.replaceState(history.state, '', location.pathname + location.search);
        say(T[m[1]]);
      }
      activate().then(function () {
        done();
        emit('ready');
      });
    }
    if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', go);
    else go();
  }
  function config() {
    var e = d.getElementById('consent4j-config');
    return e && JSON.parse(e.textContent);
  }
  function fetchConfig() {
    var c = config();
    if (c) return start(c);
    var lang = (d.documentElement.lang || '').split('-')[0].toLowerCase();
    fetch(endpoint + (endpoint.indexOf('?') < 0 ? '?' : '&') + 'lang=' + encodeURIComponent(lang),
      { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(json).then(start);
  }
  // The data block normally precedes this script (which may be deferred: it waits for nothing else).
  var first = config();
  if (first) start(first);
  else if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', fetchConfig);
  else fetchConfig();

  w.consent4j = {
    ready: ready,
    state: function () { return st; },
    allowed: allowed,
    show: function () { return ready.then(showBar); },
    showSettings: showSettings,
    acceptAll: function () { return ready.then(function () { return choose('accept_all', 'first_layer'); }); },
    rejectAll: function () { return ready.then(function () { return choose('reject_all', 'first_layer'); }); },
    withdraw: function () { return ready.then(function () { return choose('withdraw', 'settings'); }); }
  };
})(window, document);
