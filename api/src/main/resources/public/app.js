// The live page: racks as a heat map coloured by their margin to GPU slowdown, firing alerts beside
// them, both kept current over the API's two SSE streams. No build step, no third-party code.
'use strict';

const TOKEN_KEY = 'thermalwatch.token';
const LOCAL_STALE_MS = 60000; // no event for a rack for this long: grey, whatever the server said
const racks = new Map();      // rack id -> {view, receivedMs}
const alerts = new Map();     // alert id -> alert view
let selected = null;

function token() {
  // #token=... (what bin/demo prints) wins; kept in sessionStorage, removed from the address bar
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  let t = sessionStorage.getItem(TOKEN_KEY);
  if (!t) {
    t = (prompt('Bearer token (bin/tw-token --role viewer):') || '').trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
  }
  return t;
}

function marginClass(view, receivedMs) {
  if (view.stale || Date.now() - receivedMs > LOCAL_STALE_MS) return 'm-stale';
  const m = view.minSlowdownMargin;
  if (!m) return 'm-unknown';
  if (m.marginC < 5) return 'm-red';
  if (m.marginC < 10) return 'm-amber';
  if (m.marginC < 20) return 'm-yellow';
  return 'm-green';
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') e.className = v; else e.setAttribute(k, v); });
  children.forEach(c => e.append(c));
  return e;
}

function renderRacks() {
  const rows = new Map();
  [...racks.keys()].sort().forEach(id => {
    const row = racks.get(id).view.row || '?';
    if (!rows.has(row)) rows.set(row, []);
    rows.get(row).push(id);
  });
  const container = document.getElementById('rows');
  container.replaceChildren(...[...rows.keys()].sort().map(row => el('div', {class: 'row', 'data-row': row},
    el('span', {class: 'row-name'}, row),
    ...rows.get(row).map(id => {
      const {view, receivedMs} = racks.get(id);
      const margin = view.minSlowdownMargin ? view.minSlowdownMargin.marginC.toFixed(1) + ' °C' : '–';
      const cell = el('div', {class: 'rack ' + marginClass(view, receivedMs) + (id === selected ? ' selected' : ''),
        'data-rack': id, title: id + ': ' + margin + ' to slowdown, ' + (view.totalPowerW / 1000).toFixed(1) + ' kW'},
        el('div', {class: 'id'}, id), el('div', {}, margin), el('div', {}, (view.totalPowerW / 1000).toFixed(1) + ' kW'));
      cell.addEventListener('click', () => showRack(id));
      return cell;
    }))));
  const stale = [...racks.values()].filter(r => marginClass(r.view, r.receivedMs) === 'm-stale').length;
  document.getElementById('summary').textContent = racks.size + ' racks' + (stale ? ', ' + stale + ' stale' : '');
}

function renderAlerts() {
  const rank = a => (a.severity === 'critical' ? 0 : 1);
  const list = [...alerts.values()].sort((a, b) => rank(a) - rank(b) || b.startsAtMs - a.startsAtMs);
  document.getElementById('alert-count').textContent = list.length;
  document.getElementById('alerts').replaceChildren(...list.map(a => el('li',
    {class: a.severity, 'data-alert-id': a.id},
    el('div', {}, a.summary || a.rule),
    el('div', {class: 'meta'}, a.severity + ' · ' + a.rule + ' · ' + a.rack + ' · since ' + a.startsAt))));
}

function table(rows) {
  const keys = [...new Set(rows.flatMap(r => Object.keys(r)))];
  const cell = v => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
  return el('table', {}, el('tr', {}, ...keys.map(k => el('th', {}, k))),
    ...rows.map(r => el('tr', {}, ...keys.map(k => el('td', {}, k in r ? cell(r[k]) : '')))));
}

async function api(path) {
  const r = await fetch(path, {headers: {Authorization: 'Bearer ' + token()}});
  if (r.status === 401) sessionStorage.removeItem(TOKEN_KEY);
  return r;
}

async function showRack(id) {
  selected = id;
  renderRacks();
  const detail = document.getElementById('detail');
  detail.hidden = false;
  detail.replaceChildren(el('h2', {}, 'Rack ' + id), el('p', {}, 'loading…'));
  const rack = await api('/api/v1/racks/' + encodeURIComponent(id));
  if (!rack.ok) {
    detail.replaceChildren(el('h2', {}, 'Rack ' + id), el('p', {}, 'HTTP ' + rack.status));
    return;
  }
  const view = await rack.json();
  const fields = Object.entries(view).map(([field, value]) => ({field, value}));
  const parts = [el('h2', {}, 'Rack ' + id), table(fields)];
  const gpus = await api('/api/v1/racks/' + encodeURIComponent(id) + '/gpus');
  if (gpus.ok) {
    const body = await gpus.json();
    const list = Array.isArray(body) ? body : (body.gpus || []);
    parts.push(el('h2', {}, 'GPUs'), list.length ? table(list) : el('p', {}, 'no GPUs reported'));
  } else {
    parts.push(el('p', {class: 'meta'}, 'per-GPU view not available (HTTP ' + gpus.status + ')'));
  }
  if (selected === id) detail.replaceChildren(...parts);
}

function stream(path, name, onData) {
  // EventSource cannot send headers: the API accepts ?access_token= on its live paths only
  const sep = path.includes('?') ? '&' : '?';
  const source = new EventSource(path + sep + 'access_token=' + encodeURIComponent(token()));
  const badge = document.getElementById(name + '-stream');
  source.onopen = () => badge.classList.add('open');
  source.onerror = () => badge.classList.remove('open'); // EventSource reconnects by itself
  source.addEventListener(name === 'racks' ? 'rack' : 'alert', e => onData(JSON.parse(e.data)));
}

stream('/api/v1/live/racks', 'racks', view => {
  racks.set(view.rack, {view, receivedMs: Date.now()});
  renderRacks();
});
stream('/api/v1/live/alerts', 'alerts', alert => {
  if (alert.state === 'firing') alerts.set(alert.id, alert); else alerts.delete(alert.id);
  renderAlerts();
});
setInterval(renderRacks, 5000); // greys racks that stopped reporting
