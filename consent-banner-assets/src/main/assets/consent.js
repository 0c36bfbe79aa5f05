/*! consent4j banner | Apache-2.0 | https://consent4j.io */
(function (w, d) {
  'use strict';
  if (w.consent4j) return;
  var me = d.currentScript;
  var endpoint = (me && me.getAttribute('data-endpoint')) || '/consent';
  var cfg, st, T, root, bar, dlg, live, opener, back, hush;
  var ran = {}; // categories and services whose gated scripts ran on this page
  var waiting = []; // onAllowed callbacks, as [id, fn], until their id is allowed
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
  // Every event's detail is a copy of the state, plus what the event adds.
  function emit(name, more) {
    d.dispatchEvent(new CustomEvent('consent4j:' + name, { detail: Object.assign({}, st, more) }));
  }
  // What a choice changed: the ids granted before or after, but not both.
  function diff(a, b) {
    return a.filter(function (x) { return !has(b, x); }).concat(b.filter(function (x) { return !has(a, x); }));
  }
  function changes(before) {
    return {
      changed: { categories: diff(before.categories, st.categories), services: diff(before.services, st.services) },
      first: before.state !== 'decided'
    };
  }
  function json(r) {
    if (!r.ok) throw new Error('consent4j: ' + r.status + ' from ' + endpoint);
    return r.json();
  }
  function load(lang) {
    return fetch(endpoint + (endpoint.indexOf('?') < 0 ? '?' : '&') + 'lang=' + encodeURIComponent(lang),
      { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(json);
  }

  // Whether a category or service may run: granted by the visitor and not objected to by a signal.
  function allowedIn(x, id) {
    if (!x) return false;
    var s = svc(id), den = x.deniedBySignal || [];
    if (s) return has(x.services, id) && !has(den, s.category);
    return has(x.categories, id) && !has(den, id);
  }
  function allowed(id) { return allowedIn(st, id); }
  function cat(id) {
    return cfg.categories.filter(function (c) { return c.id === id; })[0];
  }
  function required(id) {
    return (cat(id) || {}).required;
  }
  // onAllowed callbacks whose category or service is allowed now run, each once.
  function flush() {
    waiting = waiting.filter(function (x) {
      if (!allowed(x[0])) return true;
      ready.then(x[1]); // a callback that throws stops no other
    });
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
    var id = f.getAttribute('data-service'), s = svc(id);
    var who = (s && (s.provider || s.name)) || f.getAttribute('data-consent') || '';
    var text = T.embedPlaceholder.split('{provider}').join(who);
    // A placeholder there already only takes the texts of the current language.
    if (ph) {
      ph.querySelector('p').textContent = text;
      ph.querySelector('button').textContent = T.embedLoad;
      return;
    }
    f.before(ph = el('div', { 'class': 'c4j c4j-ph' }, [
      el('p', { text: text }),
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
  // again: the first layer shows once the choice is recorded (reset), after the reload too.
  function post(body, again) {
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
        history.replaceState(history.state, '', '#c4j-' + msg + (again ? '-again' : ''));
        location.reload();
        return st;
      }
      hideAll();
      sync();
      say(T[msg]);
      if (again) showBar();
      return activate().then(function () {
        flush();
        emit('change', changes(before));
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
  // The site's own code chooses (accept, reset): recorded like any choice, with the layer 'api'.
  function api(action) {
    return ready.then(function () { return choose(action, 'api'); });
  }
  // Exactly these categories and services, as "save" in the settings: ids of either kind, a list or
  // {categories, services}; a category listed without any of its services brings all of them.
  function accept(x) {
    return ready.then(function () {
      if (x == null || x === 'all') return choose('accept_all', 'api');
      var cats = [], svcs = [];
      [].concat(x.categories || (x.services ? [] : x), x.services || []).forEach(function (id) {
        if (svc(id)) svcs.push(id);
        else if (cat(id)) { if (!required(id)) cats.push(id); }
        else throw new Error('consent4j: no category or service "' + id + '" in the policy');
      });
      return cats.length || svcs.length
        ? post({ action: 'custom', categories: cats, services: svcs, layer: 'api' })
        : choose('reject_all', 'api');
    });
  }
  // Withdraws what is granted (recorded; the consent cookie is HttpOnly, so the script cannot just forget
  // it), then shows the first layer to choose again.
  function reset() {
    return ready.then(function () {
      if (granted()) return post({ action: 'withdraw', categories: [], services: [], layer: 'api' }, 1);
      showBar();
      return st;
    });
  }
  function save() {
    var cats = [], svcs = [];
    dlg.querySelectorAll('input[data-c]:checked:not(:disabled)').forEach(function (i) { cats.push(i.getAttribute('data-c')); });
    dlg.querySelectorAll('input[data-s]:checked:not(:disabled)').forEach(function (i) { svcs.push(i.getAttribute('data-s')); });
    return post({ action: 'custom', categories: cats, services: svcs, layer: 'settings' });
  }

  // --- the first layer (C4, C5, C9, C10) ------------------------------------------
  // The server renders this markup (a form without JavaScript); the script builds it where it is missing.
  function makeBar() {
    var sub = function (v, key) {
      return el('button', { type: 'submit', 'class': 'c4j-btn', name: v ? 'action' : false, value: v || false, text: T[key] });
    };
    return el('div', {
      'class': 'c4j-bar', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'c4j-t',
      'aria-describedby': 'c4j-d', tabindex: '-1', hidden: true
    }, [
      el('h2', { id: 'c4j-t', 'class': 'c4j-h', text: T.title }),
      el('p', { id: 'c4j-d', text: T.description }),
      st.parentalConsentRequired && el('p', { 'class': 'c4j-note', text: T.parentalConsentRequired }),
      el('form', { 'class': 'c4j-row' }, [sub('accept_all', 'acceptAll'), sub('reject_all', 'rejectAll'), sub('', 'settings')]),
      links()
    ]);
  }
  function build() {
    root = d.querySelector('.c4j-root');
    if (!root) {
      root = el('div', { 'class': 'c4j c4j-root', lang: cfg.locale, tabindex: '-1' }, [
        makeBar(), el('p', { 'class': 'c4j-sr', role: 'status' })
      ]);
      d.body.prepend(root);
    }
    live = root.querySelector('[role=status]');
    // Listened to on the root, so that a first layer built anew in another language needs nothing more.
    root.addEventListener('click', function (e) {
      var b = e.target.closest('.c4j-bar .c4j-row button');
      if (!b) return;
      e.preventDefault();
      if (b.value) choose(b.value, 'first_layer');
      else showSettings();
    });
    root.addEventListener('submit', parentLink);
    wire();
  }
  // C28: a child asks for a link a parent opens on any device; only necessary is active until then.
  // The server renders the form (it works without script); the script shows the link in place.
  function wire() {
    bar = root.querySelector('.c4j-bar');
    if (st.parentalConsentRequired && !bar.querySelector('[data-c4j-plink]')) {
      bar.insertBefore(el('form', { 'class': 'c4j-note', 'data-c4j-plink': true }, [
        el('button', { 'class': 'c4j-btn', text: T.parentLink })
      ]), bar.querySelector('.c4j-row'));
    }
  }
  function parentLink(e) {
    var box = e.target;
    if (!box.matches('[data-c4j-plink]')) return;
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
  // sel: the categories and services to show switched on; the stored choice unless given.
  function settings(sel) {
    sel = sel || st;
    var cats = cfg.categories.map(function (c) {
      var req = c.required, dId = 'c4j-cd-' + c.id;
      var svcs = c.services.map(svc).filter(Boolean);
      return el('section', { 'class': 'c4j-cat' }, [
        el('div', { 'class': 'c4j-catrow' }, [
          el('h3', { 'class': 'c4j-h3', text: c.label }),
          req ? el('span', { 'class': 'c4j-on', text: T.alwaysActive }) : null,
          toggle({ 'data-c': c.id, checked: req || has(sel.categories, c.id), disabled: req, 'aria-label': c.label,
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
                toggle({ 'data-s': s.id, 'data-in': c.id, checked: req || has(sel.services, s.id),
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
  // Shows or hides the first layer, with a show or hide event when that changes anything.
  function barShown(on) {
    if (bar.hidden === !on) return;
    bar.hidden = !on;
    emit(on ? 'show' : 'hide', { layer: 'banner' });
  }
  function showBar() {
    remember();
    barShown(true);
    bar.focus();
  }
  function showSettings() {
    return ready.then(function () {
      if (dlg && dlg.open) return;
      remember();
      back = d.activeElement;
      if (dlg) dlg.remove();
      settings();
      barShown(false);
      dlg.showModal();
      dlg.focus();
      emit('show', { layer: 'settings' });
    });
  }
  // Closing or Escape never grants anything (C3): the first layer comes back while no choice is stored,
  // unless hide() closed it.
  function closed(e) {
    if (e.target !== dlg) return; // one that setLanguage replaced
    emit('hide', { layer: 'settings' });
    if (hush || !st.showBanner) {
      hush = 0;
      return restore();
    }
    barShown(true);
    (bar.contains(back) ? back : bar).focus();
  }
  function hideAll() {
    st.showBanner = false;
    barShown(false);
    if (dlg && dlg.open) dlg.close();
    else restore();
  }
  // Hides both layers and records nothing: silence is refusal (C3), and the next page asks again.
  function hide() {
    return ready.then(function () {
      barShown(false);
      if (dlg && dlg.open) {
        hush = 1;
        dlg.close();
      } else restore();
    });
  }

  // --- languages (C11) ---------------------------------------------------------------
  // The server's texts in another language, for both layers, the placeholders and the withdrawal control,
  // without a reload; switches the visitor has set in the open settings stay as they are.
  function setLanguage(lang) {
    return ready.then(function () { return load(lang); }).then(function (c) {
      cfg = c;
      T = c.texts;
      root.lang = c.locale;
      var old = bar, focused = old.contains(d.activeElement), fresh = makeBar();
      fresh.hidden = old.hidden;
      old.replaceWith(fresh);
      wire();
      if (focused) bar.focus();
      if (dlg) {
        var o = dlg, was = o.open, sel = { categories: [], services: [] };
        o.querySelectorAll('input:checked').forEach(function (i) {
          if (i.hasAttribute('data-c')) sel.categories.push(i.getAttribute('data-c'));
          else sel.services.push(i.getAttribute('data-s'));
        });
        settings(sel);
        o.remove();
        if (was) {
          dlg.showModal();
          dlg.focus();
        }
      }
      d.querySelectorAll('iframe[data-consent-src]').forEach(embed);
      d.querySelectorAll('.c4j-wd').forEach(function (x) {
        x.lang = c.locale;
        x.querySelector('button').textContent = T.withdraw;
      });
      return c.locale;
    });
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
      // Hidden first, so that showing it (server-rendered or not) is a show event like any other.
      bar.hidden = true;
      if (st.showBanner) showBar();
      sync();
      // After the reload that a withdrawal may need: its message, and the first layer again after reset().
      var m = /^#c4j-(saved|withdrawn)(-again)?$/.exec(location.hash);
      if (m) {
        history.replaceState(history.state, '', location.pathname + location.search);
        say(T[m[1]]);
        if (m[2]) showBar();
      }
      activate().then(function () {
        done();
        flush();
        emit('ready', { changed: { categories: [], services: [] }, first: false });
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
    load((d.documentElement.lang || '').split('-')[0].toLowerCase()).then(start);
  }
  // The data block normally precedes this script (which may be deferred: it waits for nothing else).
  var first = config();
  if (first) start(first);
  else if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', fetchConfig);
  else fetchConfig();

  // The API; consent.d.ts beside this file declares every member and event.
  w.consent4j = {
    ready: ready,
    state: function () { return st; },
    decided: function () { return !!st && st.state === 'decided'; },
    allowed: allowed,
    onAllowed: function (id, fn) { waiting.push([id, fn]); ready.then(flush); },
    show: function () { return ready.then(showBar); },
    showSettings: showSettings,
    hide: hide,
    accept: accept,
    acceptAll: function () { return api('accept_all'); },
    rejectAll: function () { return api('reject_all'); },
    withdraw: function () { return api('withdraw'); },
    reset: reset,
    setLanguage: setLanguage
  };
})(window, document);
