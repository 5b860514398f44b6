// Catalog tables: sort by any column (header buttons, aria-sort) and filter by facet. The table is
// complete without this script; the filter form stays hidden unless the script runs.
for (const table of document.querySelectorAll('table[data-catalog]')) {
  const tbody = table.tBodies[0];
  const rows = [...tbody.rows];
  const form = document.querySelector(`form[data-filters-for="${table.id}"]`);

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
  const OPEN = new Set(['new', 'acknowledged', 'in progress', 'on hold', 'approved']);
  const apply = () => {
    const text = form.elements.text.value.trim().toLowerCase();
    const wanted = [...form.querySelectorAll('select')].filter((s) => s.value).map((s) => [s.name, s.value]);
    let shown = 0;
    for (const row of rows) {
      const ok =
        (!text || row.textContent.toLowerCase().includes(text)) &&
        wanted.every(([k, v]) => {
          const values = (row.getAttribute(`data-f-${k}`) || '').split('|');
          return v === 'open' && k === 'status' ? values.some((x) => OPEN.has(x)) : values.includes(v);
        });
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = `${shown} of ${rows.length} records`;
    const url = new URL(location.href);
    url.search = '';
    for (const [k, v] of wanted) url.searchParams.set(k, v);
    if (text) url.searchParams.set('text', text);
    history.replaceState(null, '', url);
  };
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
