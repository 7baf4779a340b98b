/* campaign-pages: the search worker behind Material's search box.
 *
 * It answers the same messages as Material's own worker (SETUP -> READY, QUERY -> RESULT)
 * but loads the index a piece at a time: the manifest comes with SETUP, and a query fetches
 * only the postings shards of its own tokens and the document blocks of the results shown
 * (see search.py, which writes them). Chinese is matched by characters and character
 * pairs, so no dictionary is needed; a query term matches a section holding every pair
 * looked up for it.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_PAGES = 30;        /* result groups (pages) returned for one query */
var MAX_SECTIONS = 3;      /* matching sections shown under a page */
var TITLE_WEIGHT = 5;      /* a term in a title or tag counts this many times */
var MAX_TOKENS = 6;        /* character pairs looked up for one term */

var base = new URL("../", self.location.href);  /* this file is assets/campaign-search.js */
var manifest = null;
var starts = [];           /* first section of each page */
var shards = {};           /* shard number -> promise of {token: [body, title]} */
var blocks = {};           /* block number -> promise of [[location, title, text, tags]] */
var latest = 0;            /* the newest query: older answers are dropped */

var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
var WORD = /[0-9a-z]+/g;

function undelta(list) {
  var out = new Array(list.length), sum = 0;
  for (var i = 0; i < list.length; i++) { sum += list[i]; out[i] = sum; }
  return out;
}

function normalise(text) {
  return text.normalize("NFKC").toLowerCase();
}

/* FNV-1a over code points, then murmur3's finaliser: as shard_of() in search.py */
function shardOf(token, count) {
  var value = 0x811c9dc5;
  for (var ch of token) value = Math.imul(value ^ ch.codePointAt(0), 0x01000193) >>> 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return ((value ^ (value >>> 16)) >>> 0) % count;  /* >>> 0: unsigned, as in Python */
}

function fetchJSON(path) {
  var url = new URL(path, base);
  url.searchParams.set("v", manifest.version);
  return fetch(url.href).then(function (response) {
    if (!response.ok) throw new Error(url.href + ": " + response.status);
    return response.json();
  });
}

function shard(n) {
  if (!shards[n]) shards[n] = fetchJSON("search/t/" + n + ".json");
  return shards[n];
}

function block(n) {
  if (!blocks[n]) blocks[n] = fetchJSON("search/d/" + n + ".json");
  return blocks[n];
}

/* The query's terms: runs of Han characters and Latin/digit words, each with its tokens. */
function terms(query) {
  var text = normalise(query), found = [], seen = {};
  var parts = (text.match(CJK) || []).concat(text.match(WORD) || []);
  parts.forEach(function (part) {
    if (seen[part]) return;
    seen[part] = true;
    var chars = Array.from(part), tokens = [];
    if (/[0-9a-z]/.test(part) || chars.length === 1) tokens.push(part);
    else {
      /* pairs that cover the term without overlapping (and the last pair): half the shards
         to fetch, and a section holding all of them almost always holds the term */
      for (var i = 0; i + 1 < chars.length; i += 2) tokens.push(chars[i] + chars[i + 1]);
      if (chars.length % 2) tokens.push(chars[chars.length - 2] + chars[chars.length - 1]);
      /* a long pasted phrase: six pairs spread over it find it as well as all of them */
      while (tokens.length > MAX_TOKENS) tokens.splice(Math.floor(tokens.length / 2), 1);
    }
    found.push({ text: part, tokens: tokens });
  });
  return found;
}

function intersect(a, b) {
  var out = [], i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

function union(a, b) {
  return Array.from(new Set(a.concat(b))).sort(function (x, y) { return x - y; });
}

function pageOf(section) {
  var lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= section) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/* the text, escaped, with the words marked; words are matched in the text, not in its
   escaped form, so a query such as "amp" never splits an entity */
function highlight(text, words) {
  if (!words.length) return escapeHTML(text);
  var pattern = new RegExp(words.map(function (w) {
    return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("|"), "gi");
  var html = "", last = 0;
  text.replace(pattern, function (match, offset) {
    html += escapeHTML(text.slice(last, offset))
      + "<mark data-md-highlight>" + escapeHTML(match) + "</mark>";
    last = offset + match.length;
    return match;
  });
  return html + escapeHTML(text.slice(last));
}

function search(query) {
  var list = terms(query);
  if (!list.length) return Promise.resolve({ items: [] });
  var needed = {};
  list.forEach(function (term) {
    term.tokens.forEach(function (t) { needed[shardOf(t, manifest.shards)] = true; });
  });
  var numbers = Object.keys(needed).map(Number);
  return Promise.all(numbers.map(shard)).then(function (loaded) {
    var byShard = {};
    numbers.forEach(function (n, i) { byShard[n] = loaded[i]; });
    var scores = {}, matched = {}, total = manifest.sections;
    list.forEach(function (term, index) {
      var all = null, titled = null, weight = 0;
      term.tokens.forEach(function (t) {
        var entry = byShard[shardOf(t, manifest.shards)][t] || [[], []];
        var body = undelta(entry[0]), title = undelta(entry[1]);
        var any = union(body, title);
        all = all === null ? any : intersect(all, any);
        titled = titled === null ? title : intersect(titled, title);
        weight += Math.log(1 + total / Math.max(1, any.length));
      });
      var inTitle = {};
      titled.forEach(function (s) { inTitle[s] = true; });
      all.forEach(function (s) {
        scores[s] = (scores[s] || 0) + weight * (inTitle[s] ? TITLE_WEIGHT : 1);
        (matched[s] = matched[s] || {})[index] = true;
      });
    });
    /* group sections by page; a page ranks by its terms found, then by its best section */
    var groups = {};
    Object.keys(scores).forEach(function (key) {
      var s = Number(key), page = pageOf(s), found = Object.keys(matched[s]).length;
      var group = groups[page] || (groups[page] = { page: page, found: 0, score: 0, sections: [] });
      group.found = Math.max(group.found, found);
      group.score = Math.max(group.score, scores[s] * (s === starts[page] ? 1.1 : 1));
      group.sections.push(s);
    });
    var ranked = Object.keys(groups).map(function (k) { return groups[k]; })
      .sort(function (a, b) { return b.found - a.found || b.score - a.score || a.page - b.page; })
      .slice(0, MAX_PAGES);
    ranked.forEach(function (group) {
      group.sections.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      group.sections = group.sections.slice(0, MAX_SECTIONS);
      if (group.sections.indexOf(starts[group.page]) < 0) group.sections.push(starts[group.page]);
    });
    var wanted = {};
    ranked.forEach(function (g) {
      g.sections.forEach(function (s) { wanted[Math.floor(s / manifest.block)] = true; });
    });
    var blockNumbers = Object.keys(wanted).map(Number);
    return Promise.all(blockNumbers.map(block)).then(function (docs) {
      var byBlock = {};
      blockNumbers.forEach(function (n, i) { byBlock[n] = docs[i]; });
      var items = ranked.map(function (group) {
        return group.sections.map(function (s) {
          var doc = byBlock[Math.floor(s / manifest.block)][s % manifest.block];
          var termMap = {}, words = [];
          list.forEach(function (term, index) {
            var hit = Boolean(matched[s] && matched[s][index]);
            termMap[term.text] = hit;
            if (hit) words.push(term.text);
          });
          var item = {
            location: doc[0],
            title: highlight(doc[1], words),
            text: doc[2] ? "<p>" + highlight(doc[2], words) + "</p>" : "",
            score: scores[s] || 0,
            terms: termMap
          };
          if (doc[3] && doc[3].length) item.tags = doc[3].map(escapeHTML);
          return item;
        });
      });
      return { items: items };
    });
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    manifest = message.data.config.campaign;
    starts = undelta(manifest.pages);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var number = ++latest;
    search(message.data).then(function (data) {
      if (number === latest) postMessage({ type: RESULT, data: data });
    }, function (error) {
      console.warn("search failed:", error);
      if (number === latest) postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
