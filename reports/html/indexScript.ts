import { createHash } from 'node:crypto';

/**
 * index.html's one script (plain ES2017, inline, allowed by its hash in the page's CSP): the filters
 * over the scenario list. The state lives in the URL's hash, `#status=failed&tag=slow&q=overage`
 * (status all | failed | passed | counterexample; tag one of the `data-tags` of the rows; q words
 * that must all appear in the scenario's name or an expectation's), so a link to "failed only" can
 * be shared and it works from file://. A hash without `=` is an anchor: the row it names is opened.
 * The tag filter is built from the rows' `data-tags` and shown only when some row has tags.
 */
export const INDEX_SCRIPT = `
(function () {
  'use strict';
  var bar = document.getElementById('filters');
  var list = document.getElementById('scenario-list');
  if (!bar || !list) return;
  var rows = [].slice.call(list.querySelectorAll('details[data-status]'));
  var failureSection = document.getElementById('failures');
  var failures = [].slice.call(document.querySelectorAll('#failures a[data-for]'));
  var buttons = [].slice.call(bar.querySelectorAll('button[data-show]'));
  var search = document.getElementById('filter-q');
  var tagBox = document.getElementById('tag-filter');
  var tagSelect = document.getElementById('filter-tag');
  var shown = document.getElementById('shown');
  var none = document.getElementById('none-shown');
  var number = new Intl.NumberFormat('en-US');
  var STATUSES = ['all', 'failed', 'passed', 'counterexample'];
  // Lowercase words, digit groups joined (the page writes 1,500; a search for 1500 finds it).
  function plain(text) { return (text || '').toLowerCase().replace(/(\\d),(?=\\d{3})/g, '$1'); }
  function words(text) { return plain(text).split(/\\s+/).filter(Boolean); }
  var tags = {};
  var names = rows.map(function (row) {
    words(row.getAttribute('data-tags')).forEach(function (t) { tags[t] = true; });
    return [].slice.call(row.querySelectorAll('.scenario-name, ul.verdicts b')).map(function (e) {
      return { element: e, text: plain(e.textContent) };
    });
  });
  Object.keys(tags).sort().forEach(function (t) {
    var option = document.createElement('option');
    option.value = t;
    option.textContent = t;
    tagSelect.appendChild(option);
  });
  tagBox.hidden = Object.keys(tags).length === 0;
  function read() {
    var hash = location.hash.replace(/^#/, '');
    var state = { status: 'all', tag: '', q: '' };
    if (hash.indexOf('=') < 0) return state;
    var params = new URLSearchParams(hash);
    var status = params.get('status') || 'all';
    state.status = STATUSES.indexOf(status) < 0 ? 'all' : status;
    state.tag = (params.get('tag') || '').toLowerCase();
    state.q = params.get('q') || '';
    return state;
  }
  function hashOf(state) {
    var params = new URLSearchParams();
    if (state.status !== 'all') params.set('status', state.status);
    if (state.tag) params.set('tag', state.tag);
    if (state.q) params.set('q', state.q);
    var text = params.toString();
    return text ? '#' + text : '';
  }
  function write(state, replace) {
    var hash = hashOf(state);
    var url = location.href.replace(/#.*$/, '') + hash;
    try {
      if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
    } catch (e) {
      location.hash = hash;
    }
    apply(state);
  }
  function apply(state) {
    var q = words(state.q);
    var count = 0;
    var visible = {};
    rows.forEach(function (row, i) {
      var status = row.getAttribute('data-status');
      var ok = state.status === 'all' || state.status === status ||
        (state.status === 'counterexample' && row.hasAttribute('data-counterexample'));
      if (ok && state.tag) ok = words(row.getAttribute('data-tags')).indexOf(state.tag) >= 0;
      var all = names[i].map(function (n) { return n.text; }).join('\\n');
      if (ok && q.length) ok = q.every(function (w) { return all.indexOf(w) >= 0; });
      names[i].forEach(function (n) {
        n.element.classList.toggle('match', q.length > 0 && q.every(function (w) { return n.text.indexOf(w) >= 0; }));
      });
      row.hidden = !ok;
      if (ok) { count++; visible[row.id] = true; }
    });
    var failing = 0;
    failures.forEach(function (a) {
      var ok = visible[a.getAttribute('data-for')] === true;
      a.parentNode.hidden = !ok;
      if (ok) failing++;
    });
    if (failureSection) failureSection.hidden = failures.length > 0 && failing === 0;
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-show') === state.status)); });
    if (search.value !== state.q) search.value = state.q;
    tagSelect.value = state.tag;
    if (tagSelect.value !== state.tag) tagSelect.value = '';
    shown.textContent = number.format(count) + ' of ' + number.format(rows.length) + ' ' +
      (rows.length === 1 ? 'scenario' : 'scenarios') + ' shown';
    none.hidden = count > 0;
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var state = read();
      state.status = b.getAttribute('data-show');
      write(state, false);
    });
  });
  search.addEventListener('input', function () {
    var state = read();
    state.q = search.value;
    write(state, true);
  });
  tagSelect.addEventListener('change', function () {
    var state = read();
    state.tag = tagSelect.value;
    write(state, false);
  });
  function openAll(open) {
    rows.forEach(function (row) { if (!row.hidden) row.open = open; });
  }
  document.getElementById('expand-all').addEventListener('click', function () { openAll(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { openAll(false); });
  function landed() {
    var hash = location.hash.replace(/^#/, '');
    if (hash && hash.indexOf('=') < 0) {
      var id = hash;
      try { id = decodeURIComponent(hash); } catch (e) { /* a malformed escape: the hash as written */ }
      var target = document.getElementById(id);
      if (target && target.tagName === 'DETAILS') target.open = true;
    }
    apply(read());
  }
  window.addEventListener('hashchange', landed);
  window.addEventListener('popstate', landed);
  bar.hidden = false;
  landed();
})();
`;

/** The CSP source that lets index.html run {@link INDEX_SCRIPT} and no other inline script. */
export const INDEX_SCRIPT_HASH = `'sha256-${createHash('sha256').update(INDEX_SCRIPT).digest('base64')}'`;
