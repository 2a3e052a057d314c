() => {
  // Citations, the Sources panel, the document viewer and the busy state, for the chat page.
  const $ = (sel, root = document) => root.querySelector(sel);
  const narrow = () => window.matchMedia('(max-width: 700px)').matches;
  const panel = () => (narrow() ? $('#sources-col') : $('#sources'));
  let lastLink = null;

  function scrollPanelTo(el) {
    const box = panel();
    if (!box) return;
    // only the panel scrolls: the page and the chat stay where they are
    // on a phone the "Back to chat" bar stays on top of the drawer: land below it
    const bar = narrow() ? ($('#sources-col .ra-sources-head') || { offsetHeight: 0 }).offsetHeight : 0;
    box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8 - bar;
  }
  function showSource(id) {
    const el = document.getElementById(id);
    if (!el) return;
    const turn = el.closest('details');
    if (turn) turn.open = true;
    document.querySelectorAll('.ra-src.ra-active').forEach((x) => x.classList.remove('ra-active'));
    el.classList.add('ra-active');
    if (narrow()) $('#sources-col').classList.add('ra-open');
    scrollPanelTo(el);
  }
  function closeDrawer() {
    const col = $('#sources-col');
    if (col) col.classList.remove('ra-open');
    if (lastLink) lastLink.scrollIntoView({ block: 'center' });
  }
  function openDocument(ref) {
    const tab = [...document.querySelectorAll('button[role="tab"]')].find((b) => b.textContent.includes('Documents'));
    if (tab) tab.click();
    closeDrawer();
    setTimeout(() => {
      const box = $('#doc-request textarea, #doc-request input');
      if (!box) return;
      box.value = ref + '|' + Date.now();  // a new value each time, so the same line opens twice
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }, 150);
  }
  let pop = null;
  function hidePop() { if (pop) { pop.remove(); pop = null; } }
  function showPop(a) {
    const id = (a.getAttribute('href') || '').split('#')[1];
    const el = id && document.getElementById(id);
    if (!el) return;
    hidePop();
    pop = document.createElement('div');
    pop.className = 'ra-pop';
    pop.textContent = el.textContent.trim().slice(0, 700);  // text, never HTML
    document.body.appendChild(pop);
    const r = a.getBoundingClientRect();
    const top = r.bottom + 6 + pop.offsetHeight > window.innerHeight ? r.top - pop.offsetHeight - 6 : r.bottom + 6;
    pop.style.top = Math.max(4, top) + 'px';
    pop.style.left = Math.max(4, Math.min(r.left, window.innerWidth - pop.offsetWidth - 4)) + 'px';
  }

  document.addEventListener('click', (ev) => {
    const back = ev.target.closest('.ra-back');
    if (back) { ev.preventDefault(); closeDrawer(); return; }
    if (ev.target.closest('#sources-toggle')) { $('#sources-col').classList.add('ra-open'); return; }
    const th = ev.target.closest('.ra-facts thead th[data-sort]');
    if (th) { sortFacts(th); return; }
    const a = ev.target.closest('a');
    if (!a) return;
    const href = a.getAttribute('href') || '';
    if (href.includes('#src-')) {
      ev.preventDefault(); ev.stopPropagation();
      lastLink = a;
      hidePop();
      showSource(href.split('#')[1]);
    } else if (href.startsWith('#doc=')) {
      ev.preventDefault(); ev.stopPropagation();
      openDocument(href.slice(5));
    }
  }, true);
  document.addEventListener('mouseover', (ev) => {
    const a = ev.target.closest && ev.target.closest('#chat a[href*="#src-"]');
    if (a && !narrow()) showPop(a);
  });
  document.addEventListener('mouseout', (ev) => {
    if (ev.target.closest && ev.target.closest('#chat a[href*="#src-"]')) hidePop();
  });
  // Enter does nothing while an answer is being written (Ask is disabled then)
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' || ev.shiftKey || !ev.target.closest('#question')) return;
    const ask = $('#ask');
    if (ask && ask.disabled) { ev.preventDefault(); ev.stopPropagation(); }
  }, true);

  function sortFacts(th) {
    const col = +th.dataset.sort;
    const dir = th.dataset.dir === 'asc' ? 'desc' : 'asc';
    th.closest('thead').querySelectorAll('th').forEach((x) => delete x.dataset.dir);
    th.dataset.dir = dir;
    th.closest('table').querySelectorAll('tbody').forEach((body) => {
      const rows = [...body.querySelectorAll('tr.ra-fact')];
      rows.sort((a, b) => {
        const x = a.children[col].textContent.trim(), y = b.children[col].textContent.trim();
        return (dir === 'asc' ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true, sensitivity: 'base' });
      });
      rows.forEach((r) => body.appendChild(r));
    });
  }

  // keep the newest answer in view, and scroll the document viewer to the cited lines
  new MutationObserver(() => {
    const target = $('#doc-view .ra-target:not([data-seen])');
    if (target) {
      target.dataset.seen = '1';
      const box = $('#doc-view');
      box.scrollTop += target.getBoundingClientRect().top - box.getBoundingClientRect().top - 40;
      box.scrollIntoView({ block: 'nearest' });
    }
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener('click', (ev) => {
    if (!ev.target.closest('#ask')) return;
    const log = [...document.querySelectorAll('#chat *')].find((e) => e.scrollHeight > e.clientHeight + 4 && getComputedStyle(e).overflowY !== 'visible');
    if (log) log.scrollTop = log.scrollHeight;
  });
}
