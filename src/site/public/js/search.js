// Search page: Pagefind's JS API over the index built after the site. Our own small UI so it follows
// the site's markup, labels and colours; results are built with DOM methods, never innerHTML.
const base = document.documentElement.dataset.base || '/';
const form = document.getElementById('search-form');
const input = document.getElementById('q');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const selects = [...form.querySelectorAll('select[data-facet]')];
const params = new URL(location.href).searchParams;

let pagefind;
try {
  pagefind = await import(`${base}pagefind/pagefind.js`);
  await pagefind.options({ baseUrl: base, excerptLength: 24 });
  await pagefind.init();
} catch (err) {
  status.textContent = 'The search index is missing: build the site with `itsm build`.';
  throw err;
}

// Options for each facet, with counts, from the index itself.
const available = await pagefind.filters();
for (const select of selects) {
  const values = Object.entries(available[select.dataset.facet] || {}).sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }));
  for (const [value, count] of values) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = `${value} (${count})`;
    select.append(option);
  }
  const wanted = params.get(select.name);
  if (wanted) select.value = wanted;
}
input.value = params.get('q') || '';

/** Keeps only text and <mark> from Pagefind's excerpt (parsed inert, never inserted as HTML). */
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
  const out = [];
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) out.push(document.createTextNode(node.textContent));
    else if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      out.push(mark);
    } else out.push(document.createTextNode(node.textContent));
  }
  return out;
}

let generation = 0;
async function run() {
  const mine = ++generation;
  const term = input.value.trim();
  const filters = {};
  for (const s of selects) if (s.value) filters[s.name] = s.value;
  const url = new URL(location.href);
  url.search = '';
  if (term) url.searchParams.set('q', term);
  for (const [k, v] of Object.entries(filters)) url.searchParams.set(k, v);
  history.replaceState(null, '', url);
  if (!term && Object.keys(filters).length === 0) {
    list.replaceChildren();
    status.textContent = 'Type words or an ID, or pick a filter.';
    return;
  }
  // An ID typed as is ("INC-0001") is also looked up as one token, so it finds its record first.
  const search = await pagefind.search(term || null, { filters });
  if (mine !== generation) return;
  const results = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
  if (mine !== generation) return;
  const items = results.map((r) => {
    const li = document.createElement('li');
    li.dataset.id = r.meta.id || '';
    const a = document.createElement('a');
    a.href = r.url;
    a.textContent = r.meta.title || r.url;
    const chips = [r.meta.kind, ...(r.filters?.status ?? []), ...(r.filters?.priority ?? [])].filter(Boolean).map((text) => {
      const chip = document.createElement('span');
      chip.className = 'badge';
      chip.textContent = text;
      return chip;
    });
    const p = document.createElement('div');
    p.className = 'muted';
    p.append(...excerptNodes(r.excerpt || ''));
    li.append(a, ...chips.flatMap((c) => [' ', c]), p);
    return li;
  });
  list.replaceChildren(...items);
  const n = search.results.length;
  status.textContent = n === 0 ? 'No records match.' : `${n} record${n === 1 ? '' : 's'} found${n > 50 ? ', showing the first 50' : ''}.`;
}

let timer;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(run, 150);
});
for (const s of selects) s.addEventListener('change', run);
form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
form.dataset.ready = 'true';
run();
