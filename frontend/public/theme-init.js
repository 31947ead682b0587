// Applies the last known theme before first paint to avoid a flash of the
// wrong theme. The server-side preference (GET /api/me) takes over once loaded.
(function () {
  try {
    var pref = localStorage.getItem('crm.theme') || 'system';
    var dark =
      pref === 'dark' ||
      (pref === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  } catch (e) {
    /* storage may be unavailable */
  }
})();
