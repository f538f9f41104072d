/* MedAlliance regional dashboard: one GraphQL request to this gateway, figures and charts
 * from the answer, members that did not answer named in a banner. Plain ES2020, no build
 * step, no network access beyond this origin. */
(function () {
  'use strict';

  var TOKEN_KEY = 'medalliance.dashboardToken';
  var KINDS = MedAllianceCharts.KINDS;

  var QUERY = [
    'query RegionalDashboard($from: DateTime, $to: DateTime, $bucket: StatsBucket!) {',
    '  alliance { name }',
    '  hospitals { id name level }',
    '  allianceStats(from: $from, to: $to) {',
    '    from to referralsUpward referralsDownward referralsLateral greenChannelReferrals medianResponseMinutes',
    '    expertsDispatched dispatchDays staffTrained resultsReused retests estimatedSavingsYuan',
    '    retestsByReason { reason count }',
    '    series(bucket: $bucket) { label referralsUpward referralsDownward referralsLateral greenChannelReferrals medianResponseMinutes resultsReused retests estimatedSavingsYuan }',
    '    byHospital { hospital { id name level } referralsSent referralsReceived expertsReceived staffTrained resultsReused }',
    '  }',
    '  ct: sharedResources(kind: CT, availableOnly: true) { hospitalId id kind name availableSlots(first: 200) { start } }',
    '  mri: sharedResources(kind: MRI, availableOnly: true) { hospitalId id kind name availableSlots(first: 200) { start } }',
    '}',
  ].join('\n');

  var t = MedAllianceText.t;

  var $ = function (id) { return document.getElementById(id); };

  function setState(state, message) {
    document.body.dataset.state = state;
    $('status').textContent = message;
  }

  function pad(n) { return String(n).padStart(2, '0'); }
  function isoDate(d) { return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }
  /** Local midnight of a YYYY-MM-DD date, as an RFC 3339 instant. */
  function startOf(date) {
    var p = date.split('-').map(Number);
    return new Date(p[0], p[1] - 1, p[2]).toISOString();
  }
  function dayAfter(date) {
    var p = date.split('-').map(Number);
    return isoDate(new Date(p[0], p[1] - 1, p[2] + 1));
  }

  function formatNumber(value, decimals) {
    if (value === null || value === undefined) return '–';
    return Number(value).toLocaleString('en-US', { minimumFractionDigits: decimals || 0, maximumFractionDigits: decimals || 0 });
  }
  /** A duration in minutes as people say it: "7 小时 32 分" / "7 h 32 min". */
  function formatMinutes(value) {
    if (value === null || value === undefined) return '–';
    var total = Math.round(Number(value));
    return total >= 60 ? t('hoursMinutes')(Math.floor(total / 60), total % 60) : t('onlyMinutes')(total);
  }
  /** The window's end is the midnight after its last day; people read the last day itself. */
  function lastDay(iso) {
    var d = new Date(new Date(iso).getTime() - 1);
    return isoDate(d);
  }
  function formatTime(iso) {
    var d = new Date(iso);
    return isoDate(d) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  /** #token=… (as `medalliance start` prints it) goes to sessionStorage and leaves the address bar. */
  function takeTokenFromHash() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    var token = params.get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      params.delete('token');
      var rest = params.toString();
      history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? '#' + rest : ''));
    }
    return params;
  }

  async function ask(variables) {
    var token = sessionStorage.getItem(TOKEN_KEY);
    var response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: QUERY, variables: variables, operationName: 'RegionalDashboard' }),
    });
    var body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!body) throw new Error('The gateway answered HTTP ' + response.status + ' without a GraphQL body.');
    return { status: response.status, body: body };
  }

  function hospitalName(names, id) {
    return names[id] ? names[id] + ' (' + id + ')' : id;
  }

  /** Errors that leave the rest of the page intact: members that did not answer, refused parts. */
  function showErrors(errors, names) {
    var box = $('errors');
    box.textContent = '';
    if (!errors || errors.length === 0) { box.hidden = true; return; }
    var title = document.createElement('h2');
    title.textContent = t('missingTitle');
    var list = document.createElement('ul');
    var seen = {};
    errors.forEach(function (error) {
      var ext = error.extensions || {};
      var text;
      if (ext.code === 'MEMBER_UNAVAILABLE' && ext.hospitalId) text = t('memberDown')(hospitalName(names, ext.hospitalId));
      else if (ext.code === 'MEMBER_UNKNOWN' && ext.hospitalId) text = t('memberUnknown')(hospitalName(names, ext.hospitalId));
      else text = (ext.code ? ext.code + ': ' : '') + error.message;
      if (seen[text]) return;
      seen[text] = true;
      var item = document.createElement('li');
      item.textContent = text;
      if (ext.hospitalId) item.dataset.hospitalId = ext.hospitalId;
      if (ext.code) item.dataset.code = ext.code;
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    box.hidden = false;
  }

  function setFigure(name, value, format) {
    var el = document.querySelector('[data-figure="' + name + '"]');
    el.dataset.value = value === null || value === undefined ? '' : String(value);
    el.textContent = (format || formatNumber)(value);
  }

  function cell(row, text, field, value) {
    var td = document.createElement('td');
    td.textContent = text;
    if (field) { td.dataset.field = field; td.dataset.value = String(value); }
    row.appendChild(td);
  }

  function renderHospitalTable(stats) {
    var body = document.querySelector('#hospital-table tbody');
    body.textContent = '';
    stats.byHospital.forEach(function (h) {
      var row = document.createElement('tr');
      row.dataset.hospitalId = h.hospital.id;
      cell(row, h.hospital.name + ' (' + h.hospital.id + ')');
      cell(row, t(h.hospital.level));
      ['referralsSent', 'referralsReceived', 'expertsReceived', 'staffTrained', 'resultsReused'].forEach(function (f) { cell(row, formatNumber(h[f]), f, h[f]); });
      body.appendChild(row);
    });
  }

  function renderSlotTable(resources, names, missing) {
    var body = document.querySelector('#slot-table tbody');
    body.textContent = '';
    resources.forEach(function (r) {
      var row = document.createElement('tr');
      row.dataset.hospitalId = r.hospitalId;
      row.dataset.resourceId = r.id;
      cell(row, hospitalName(names, r.hospitalId));
      cell(row, r.name);
      cell(row, r.kind);
      cell(row, formatNumber(r.availableSlots.length), 'freeSlots', r.availableSlots.length);
      cell(row, r.availableSlots.length ? formatTime(r.availableSlots[0].start) : '–');
      body.appendChild(row);
    });
    missing.forEach(function (id) {
      var row = document.createElement('tr');
      row.className = 'missing';
      row.dataset.hospitalId = id;
      cell(row, hospitalName(names, id));
      var td = document.createElement('td');
      td.colSpan = 4;
      td.textContent = t('didNotAnswer');
      row.appendChild(td);
      body.appendChild(row);
    });
  }

  function render(data, errors) {
    var names = {};
    (data.hospitals || []).forEach(function (h) { names[h.id] = h.name; });
    if (data.alliance) $('alliance-name').textContent = data.alliance.name;
    showErrors(errors, names);
    var stats = data.allianceStats;
    var resources = (data.ct || []).concat(data.mri || []);
    if (stats) {
      $('window-from').textContent = isoDate(new Date(stats.from));
      $('window-from').dataset.iso = stats.from;
      $('window-to').textContent = lastDay(stats.to);
      $('window-to').dataset.iso = stats.to;
      ['referralsUpward', 'referralsDownward', 'referralsLateral', 'greenChannelReferrals', 'expertsDispatched', 'dispatchDays', 'staffTrained', 'resultsReused', 'retests'].forEach(function (f) { setFigure(f, stats[f]); });
      setFigure('medianResponseMinutes', stats.medianResponseMinutes, formatMinutes);
      setFigure('estimatedSavingsYuan', stats.estimatedSavingsYuan, function (v) { return formatNumber(v, 2); });
      renderHospitalTable(stats);
    }
    KINDS.forEach(function (kind) {
      setFigure('free' + kind.charAt(0) + kind.slice(1).toLowerCase() + 'Slots', resources.filter(function (r) { return r.kind === kind; }).reduce(function (n, r) { return n + r.availableSlots.length; }, 0));
    });
    var missing = [];
    (errors || []).forEach(function (e) {
      var id = e.extensions && e.extensions.hospitalId;
      if (id && missing.indexOf(id) < 0) missing.push(id);
    });
    renderSlotTable(resources, names, missing);
    if (stats) MedAllianceCharts.render(stats, resources, names);
  }

  async function load() {
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) { setState('idle', t('statusIdle')); return; }
    var from = $('from').value;
    var to = $('to').value;
    if (!from || !to || from > to) { setState('error', t('statusRange')); return; }
    setState('loading', t('statusLoading'));
    try {
      var answer = await ask({ from: startOf(from), to: startOf(dayAfter(to)), bucket: $('bucket').value });
      var body = answer.body;
      if (!body.data) {
        var first = (body.errors && body.errors[0]) || { message: 'no data' };
        var code = first.extensions && first.extensions.code;
        setState('error', code === 'UNAUTHENTICATED' ? t('statusRefused') : t('statusGatewayRefused')((code ? code + ': ' : '') + first.message));
        showErrors([], {});
        return;
      }
      render(body.data, body.errors);
      var missing = (body.errors || []).length;
      setState('ready', t('statusUpdated')(formatTime(new Date().toISOString()), missing > 0));
    } catch (error) {
      setState('error', t('statusUnreachable')(error.message));
    }
  }

  function init() {
    MedAllianceText.apply();
    $('language').addEventListener('click', function () {
      MedAllianceText.toggle();
      load();
    });
    var params = takeTokenFromHash();
    $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    var today = new Date();
    var yearAgo = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
    $('from').value = params.get('from') || isoDate(yearAgo);
    $('to').value = params.get('to') || isoDate(today);
    if (params.get('bucket')) $('bucket').value = params.get('bucket');
    $('controls').addEventListener('submit', function (event) {
      event.preventDefault();
      var token = $('token').value.trim();
      if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
      load();
    });
    // a new #token=… pasted into the address bar is a same-page navigation: take it and reload the figures
    window.addEventListener('hashchange', function () {
      if (!new URLSearchParams(window.location.hash.slice(1)).get('token')) return;
      takeTokenFromHash();
      $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
      load();
    });
    window.addEventListener('resize', MedAllianceCharts.resize);
    load();
  }

  init();
})();
