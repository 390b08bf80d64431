// The operations page (docs/operations.md): reads the admin API and /metrics of the port it came
// from every few seconds. The browser's Basic credentials go along with every request; a change
// carries X-Requested-With, which the management port requires of browser-authenticated changes.
'use strict';

const REFRESH_MS = 2000;
const HISTORY = 90;
const history = [];
let previous = null;

async function get(path) {
  const r = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (!r.ok) throw new Error(path + ' answered ' + r.status);
  return path === '/metrics' ? r.text() : r.json();
}

async function post(path) {
  const r = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'ops' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || path + ' answered ' + r.status);
  return body;
}

/** Prometheus text to [{name, labels, value}]. */
function parseMetrics(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/);
    if (!m) continue;
    const labels = {};
    if (m[2]) for (const l of m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

function sum(samples, name, match) {
  let total = 0;
  for (const s of samples) {
    if (s.name !== name) continue;
    if (match && !Object.entries(match).every(([k, v]) => s.labels[k] === v)) continue;
    total += s.value;
  }
  return total;
}

/** Cumulative bucket counts of every transaction series added up, by upper bound. */
function buckets(samples) {
  const byLe = new Map();
  for (const s of samples) {
    if (s.name !== 'imps_transactions_seconds_bucket') continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    byLe.set(le, (byLe.get(le) || 0) + s.value);
  }
  return byLe;
}

/** The 99th percentile (ms) of the transactions between two scrapes, from the histogram buckets. */
function p99(before, after) {
  const b = buckets(before), a = buckets(after);
  const bounds = [...a.keys()].sort((x, y) => x - y);
  const total = (a.get(Infinity) || 0) - (b.get(Infinity) || 0);
  if (total <= 0) return null;
  const rank = total * 0.99;
  let lower = 0, lowerCount = 0;
  for (const le of bounds) {
    const count = (a.get(le) || 0) - (b.get(le) || 0);
    if (count >= rank) {
      if (le === Infinity) return lower * 1000;
      return (lower + (le - lower) * (rank - lowerCount) / Math.max(1, count - lowerCount)) * 1000;
    }
    lower = le; lowerCount = count;
  }
  return null;
}

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function fixed(v) {
  return v == null ? '–' : (v >= 100 ? v.toFixed(0) : v.toFixed(1));
}

function cell(row, value, cls) {
  const td = row.insertCell();
  td.textContent = value == null ? '' : String(value);
  if (cls) td.className = cls;
  return td;
}

function showProblem(err) {
  const p = document.getElementById('problem');
  p.hidden = !err;
  p.textContent = err ? String(err.message || err) : '';
}

function renderNodes(cluster) {
  text('this-node', cluster.nodeId);
  text('quorum', cluster.quorate ? 'quorate' : 'BELOW QUORUM');
  const body = document.querySelector('#nodes tbody');
  body.replaceChildren();
  let live = 0;
  for (const n of cluster.members) {
    const row = body.insertRow();
    row.dataset.node = n.nodeId;
    cell(row, n.nodeId, 'id');
    cell(row, n.reachable === false ? 'unreachable' : (n.ready ? 'ready' : 'not ready'));
    cell(row, n.drain);
    cell(row, n.sessions ? n.sessions.live : '', 'live');
    cell(row, n.sessions ? n.sessions.retained : '');
    const button = document.createElement('button');
    button.textContent = 'Drain';
    button.className = 'drain';
    button.disabled = n.draining || n.reachable === false;
    button.onclick = () => drain(n.nodeId);
    cell(row, '').appendChild(button);
    if (n.sessions) live += n.sessions.live;
  }
  text('live-total', live);
}

function renderRates(samples) {
  const now = performance.now();
  if (previous) {
    const seconds = (now - previous.at) / 1000;
    const rate = (name, match) => Math.max(0, sum(samples, name, match) - sum(previous.samples, name, match)) / seconds;
    const point = [
      rate('imps_logins_total', { code: '200' }),
      rate('imps_transactions_seconds_count'),
      rate('imps_transactions_seconds_count', { primitive: 'SendMessage-Request' }),
      p99(previous.samples, samples),
    ];
    text('rate-logins', fixed(point[0]));
    text('rate-tx', fixed(point[1]));
    text('rate-msgs', fixed(point[2]));
    text('p99', fixed(point[3]));
    history.push(point);
    if (history.length > HISTORY) history.shift();
    draw();
  }
  previous = { at: now, samples };
}

function draw() {
  const canvas = document.getElementById('chart');
  const g = canvas.getContext('2d');
  const colours = ['#1f77b4', '#2ca02c', '#ff7f0e', '#d62728'];
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.strokeStyle = '#eaeef2';
  for (let y = 0; y <= 4; y++) {
    g.beginPath(); g.moveTo(0, y * canvas.height / 4); g.lineTo(canvas.width, y * canvas.height / 4); g.stroke();
  }
  for (let s = 0; s < colours.length; s++) {
    const max = Math.max(1, ...history.map(p => p[s] || 0));
    g.strokeStyle = colours[s];
    g.beginPath();
    history.forEach((p, i) => {
      const x = i * canvas.width / (HISTORY - 1);
      const y = canvas.height - 4 - (p[s] || 0) / max * (canvas.height - 8);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }
}

async function refresh() {
  try {
    const [cluster, metrics] = await Promise.all([get('/admin/cluster'), get('/metrics')]);
    renderNodes(cluster);
    renderRates(parseMetrics(metrics));
    text('updated', new Date().toLocaleTimeString());
    showProblem(null);
  } catch (err) {
    showProblem(err);
  }
}

async function search(event) {
  if (event) event.preventDefault();
  const user = document.getElementById('search-user').value.trim();
  const query = user ? '?user=' + encodeURIComponent(user) : '';
  try {
    const page = await get('/admin/sessions' + query);
    const body = document.querySelector('#results tbody');
    body.replaceChildren();
    for (const s of page.sessions) {
      const row = body.insertRow();
      row.dataset.session = s.sessionId;
      cell(row, s.sessionId, 'id');
      cell(row, s.userId);
      cell(row, s.node);
      cell(row, s.version);
      cell(row, s.bearer);
      cell(row, s.idleSeconds);
      cell(row, s.queueDepth);
      const button = document.createElement('button');
      button.textContent = 'Disconnect';
      button.className = 'disconnect';
      button.onclick = () => disconnect(s.sessionId);
      cell(row, '').appendChild(button);
    }
    showProblem(null);
  } catch (err) {
    showProblem(err);
  }
}

async function disconnect(sessionId) {
  try {
    await post('/admin/sessions/' + encodeURIComponent(sessionId) + '/disconnect');
  } catch (err) {
    showProblem(err);
  }
  await search();
  await refresh();
}

async function drain(nodeId) {
  if (!window.confirm('Hand every session of ' + nodeId + ' to the other nodes?')) return;
  try {
    await post('/admin/nodes/' + encodeURIComponent(nodeId) + '/drain');
    watchDrain(nodeId);
  } catch (err) {
    showProblem(err);
  }
}

async function watchDrain(nodeId) {
  try {
    const p = await get('/admin/nodes/' + encodeURIComponent(nodeId) + '/drain');
    text('drain-status', 'drain of ' + nodeId + ': ' + p.state + ', ' + p.sessionsMoved + ' moved, ' + p.sessionsHeld + ' held');
    if (p.state === 'draining') setTimeout(() => watchDrain(nodeId), 1000);
  } catch (err) {
    showProblem(err);
  }
}

document.getElementById('search').addEventListener('submit', search);
refresh();
search();
setInterval(refresh, REFRESH_MS);
