// Sizes every mxviz frame on the page to its content: the app (and its
// first picture) posts { type: "mxviz:height", height } whenever the height
// it needs changes. The same few lines as docs/embedding.md, as a file for
// pages whose Content-Security-Policy allows no inline script.
addEventListener('message', (e) => {
  if (!e.data || e.data.type !== 'mxviz:height') return;
  for (const f of document.querySelectorAll('iframe')) {
    if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';
  }
});
