/**
 * The draw verification page's script (served as /site/draw-verify.js, CSP script-src 'self'):
 * fetches the published record of a draw and recomputes in the browser, with WebCrypto, what
 * docs/draw-algorithm.md §2, §4–§8 define — the commitment, the eligible digest, the strata and
 * their quotas (the cap rule by Hamilton in BigInt), the SHA-256 ranks and each stratum's
 * selection, and the task order with each task's key — then shows 一致 / MATCH or 不一致 /
 * MISMATCH with the first difference. Assignment (§9: inspectors and labs) is left to the
 * server's verification shown beside it.
 *
 * Plain ES2020 in a string (no template literals inside), so that it is served exactly as
 * written and needs no bundler.
 */
export const DRAW_VERIFY_JS = String.raw`
'use strict';
(function () {
  var root = document.getElementById('draw-verify');
  if (!root) return;
  var button = root.querySelector('button');
  var out = root.querySelector('[data-out]');
  var progress = root.querySelector('[data-progress]');
  var words = JSON.parse(root.getAttribute('data-words'));
  var enc = new TextEncoder();
  function hex(buf) {
    var b = new Uint8Array(buf), s = '';
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }
  function H(text) {
    return crypto.subtle.digest('SHA-256', enc.encode(text)).then(hex);
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function Diff(message) { this.message = message; }
  function same(what, recomputed, recorded) {
    if (JSON.stringify(recomputed) !== JSON.stringify(recorded))
      throw new Diff(what + ': recomputed ' + JSON.stringify(recomputed) + ', the record has ' + JSON.stringify(recorded));
  }
  function hamilton(seats, entries) {
    var W = entries.reduce(function (n, e) { return n + BigInt(e.w); }, 0n);
    var S = BigInt(seats);
    var out = entries.map(function (e) {
      return { name: e.name, seats: W === 0n ? 0n : (S * BigInt(e.w)) / W, rem: W === 0n ? 0n : (S * BigInt(e.w)) % W };
    });
    var left = S - out.reduce(function (n, e) { return n + e.seats; }, 0n);
    var order = out.slice().sort(function (a, b) { return a.rem > b.rem ? -1 : a.rem < b.rem ? 1 : cmp(a.name, b.name); });
    for (var i = 0; left > 0n; i++, left--) order[i].seats += 1n;
    var m = {};
    out.forEach(function (e) { m[e.name] = Number(e.seats); });
    return m;
  }
  function allot(strata, maxTasks) {
    var total = strata.reduce(function (n, s) { return n + s.quota; }, 0);
    var m = {};
    strata.forEach(function (s) { m[s.name] = s.quota; });
    if (maxTasks === null || total <= maxTasks) return m;
    var sampled = strata.filter(function (s) { return s.quota > 0; });
    strata.forEach(function (s) { m[s.name] = 0; });
    if (maxTasks >= sampled.length) {
      var h = hamilton(maxTasks - sampled.length, sampled.map(function (s) { return { name: s.name, w: s.quota - 1 }; }));
      sampled.forEach(function (s) { m[s.name] = 1 + h[s.name]; });
    } else {
      var h2 = hamilton(maxTasks, sampled.map(function (s) { return { name: s.name, w: s.quota }; }));
      sampled.forEach(function (s) { m[s.name] = h2[s.name]; });
    }
    return m;
  }
  async function verify(record) {
    same('algorithmVersion', 'spotcheck-draw/1', record.algorithmVersion);
    var seed = record.seed;
    if (typeof seed !== 'string' || !/^[\x21-\x7e]{16,256}$/.test(seed)) throw new Diff('seed: does not follow the seed rules');
    same('commitment', await H(seed), record.commitment);
    var eligible = record.eligible.slice().sort(function (a, b) { return cmp(a.uscc, b.uscc); });
    same('eligibleDigest', await H(eligible.map(function (e) { return e.uscc; }).join('\n')), record.eligibleDigest);
    same('eligibleCount', eligible.length, record.eligibleCount);
    var params = record.params;
    var byName = {};
    eligible.forEach(function (e) {
      var name = params.stratifyByPrefecture ? e.riskClass + '/' + e.prefecture : e.riskClass;
      (byName[name] = byName[name] || { name: name, riskClass: e.riskClass, members: [] }).members.push(e.uscc);
    });
    var strata = Object.keys(byName).sort(cmp).map(function (n) {
      var s = byName[n], bp = params.ratiosBp[s.riskClass];
      s.quota = Math.floor((s.members.length * bp + 9999) / 10000);
      return s;
    });
    var allotted = allot(strata, params.maxTasks);
    var done = 0, keys = {};
    for (var i = 0; i < eligible.length; i += 2000) {
      var chunk = eligible.slice(i, i + 2000);
      var hashed = await Promise.all(chunk.map(function (e) { return H(seed + ':' + e.uscc); }));
      chunk.forEach(function (e, j) { keys[e.uscc] = hashed[j]; });
      done += chunk.length;
      progress.textContent = words.keys + ' ' + done + ' / ' + eligible.length;
    }
    var rank = function (a, b) { return cmp(keys[a], keys[b]) || cmp(a, b); };
    var selected = [];
    strata.forEach(function (s, i) {
      var rec = (record.strata || [])[i] || {};
      var label = 'strata[' + i + '] (' + s.name + ')';
      same(label + '.name', s.name, rec.name);
      same(label + '.size', s.members.length, rec.size);
      same(label + '.quota', s.quota, rec.quota);
      same(label + '.allotted', allotted[s.name], rec.allotted);
      var pick = s.members.slice().sort(rank).slice(0, allotted[s.name]);
      for (var k = 0; k < Math.max(pick.length, (rec.selected || []).length); k++)
        same(label + '.selected[' + k + ']', pick[k], (rec.selected || [])[k]);
      selected = selected.concat(pick);
    });
    same('strata', strata.length, (record.strata || []).length);
    same('totalQuota', strata.reduce(function (n, s) { return n + s.quota; }, 0), record.totalQuota);
    selected.sort(rank);
    same('tasks', selected.length, record.tasks.length);
    selected.forEach(function (u, i) {
      var t = record.tasks[i];
      same('tasks[' + i + '].taskNo', i + 1, t.taskNo);
      same('tasks[' + i + '].uscc', u, t.uscc);
      same('tasks[' + i + '].key', keys[u], t.key);
    });
    return selected.length;
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    out.className = 'verdict';
    out.textContent = words.running;
    fetch(root.getAttribute('data-record'), { headers: { accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(verify)
      .then(function (tasks) {
        out.className = 'verdict passed';
        out.setAttribute('data-verdict', 'MATCH');
        out.textContent = words.match + ' (' + tasks + ' ' + words.tasks + ')';
      }, function (e) {
        out.className = 'verdict failed';
        out.setAttribute('data-verdict', e instanceof Diff ? 'MISMATCH' : 'ERROR');
        out.textContent = (e instanceof Diff ? words.mismatch + ': ' : words.error + ': ') + e.message;
      })
      .finally(function () { button.disabled = false; });
  });
})();
`;
