// Catalog tables: sort by any column (header buttons, aria-sort), filter by facet, and switch
// between open and all records. The table is complete without this script (CSS then does the
// switch through #all); the filter form stays hidden unless the script runs.
for (const table of document.querySelectorAll('table[data-catalog]')) {
  const tbody = table.tBodies[0];
  const rows = [...tbody.rows];
  const form = document.querySelector(`form[data-filters-for="${table.id}"]`);
  const switcher = document.querySelector(`[data-switch-for="${table.id}"]`);
  // From here on the script decides which rows show, not the stylesheet.
  table.dataset.enhanced = '';

  // Sorting: numbers numerically, text by code point; a second click reverses.
  table.querySelectorAll('thead th').forEach((th, col) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      table.querySelectorAll('thead th').forEach((o) => o.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir);
      const key = (r) => r.cells[col].dataset.sort ?? '';
      const numeric = rows.every((r) => key(r) === '' || !Number.isNaN(Number(key(r))));
      const sorted = [...tbody.rows].sort((a, b) => {
        const x = key(a),
          y = key(b);
        const c = numeric ? Number(x || Infinity) - Number(y || Infinity) : x < y ? -1 : x > y ? 1 : 0;
        return dir === 'ascending' ? c : -c;
      });
      tbody.append(...sorted);
    });
  });

  if (!form) continue;
  form.hidden = false;
  const count = form.querySelector('[data-count]');
  // Open records first (kinds with open statuses): "all" is the #all fragment, so links and the back button keep it.
  const showAll = () => !switcher || location.hash === '#all';
  const apply = () => {
    const text = form.elements.text.value.trim().toLowerCase();
    const wanted = [...form.querySelectorAll('select')].filter((s) => s.value).map((s) => [s.name, s.value]);
    // A chosen status decides by itself (choosing "closed" shows closed records).
    const all = showAll() || wanted.some(([k]) => k === 'status');
    switcher?.querySelectorAll('a[data-show]').forEach((a) => {
      if ((a.dataset.show === 'all') === showAll()) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    });
    let shown = 0;
    for (const row of rows) {
      const ok =
        (all || !row.hasAttribute('data-closed')) &&
        (!text || row.textContent.toLowerCase().includes(text)) &&
        wanted.every(([k, v]) => {
          const values = (row.getAttribute(`data-f-${k}`) || '').split('|');
          return v === 'open' && k === 'status' ? !row.hasAttribute('data-closed') : values.includes(v);
        });
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = `${shown} of ${rows.length} records`;
    const url = new URL(location.href);
    url.search = '';
    for (const [k, v] of wanted) url.searchParams.set(k, v);
    if (text) url.searchParams.set('text', text);
    url.hash = showAll() && switcher ? '#all' : '';
    history.replaceState(null, '', url);
  };
  window.addEventListener('hashchange', apply);
  // Links such as ?status=open&priority=P1 (from the dashboard) arrive pre-filtered.
  const params = new URL(location.href).searchParams;
  for (const [k, v] of params) {
    const el = form.elements[k];
    if (el && (el.tagName === 'INPUT' || [...el.options].some((o) => o.value === v))) el.value = v;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('reset', () => setTimeout(apply));
  form.addEventListener('submit', (e) => e.preventDefault());
  apply();
}
