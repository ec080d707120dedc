// The data page's only style sheet and only script, inlined so that the page works from file://,
// with no CDN and no request beyond the dataset's own files. The page's Content-Security-Policy
// allows exactly these two by hash, so even a markup slip in data text could not run a script.
import { createHash } from 'node:crypto';

export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#4f4f4f;--line:#cfd3d8;--soft:#f2f4f6;--link:#0a53c2;--shade:rgba(0,0,0,.22)}
@media (prefers-color-scheme:dark){:root{--bg:#121519;--fg:#e8e8e8;--muted:#b3b9c1;--line:#3b4149;--soft:#1c2128;--link:#8cb8ff;--shade:rgba(255,255,255,.25)}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--link);text-underline-offset:.15em}
a:focus-visible,button:focus-visible,input:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.wrap{max-width:90rem;margin:0 auto;padding:0 1rem}
header{padding:1.25rem 0 0}
h1{font-size:clamp(1.45rem,4.2vw,2.2rem);line-height:1.2;margin:.25rem 0 .75rem}
h2{font-size:1.45rem;line-height:1.25;margin:2.5rem 0 .75rem;padding-top:1rem;border-top:1px solid var(--line)}
h3{font-size:1.15rem;line-height:1.3;margin:1.75rem 0 .5rem}
p{max-width:46rem}
.kicker,.meta{color:var(--muted);font-size:.95rem;margin:0}
.coverage{max-width:46rem;border-left:4px solid var(--line);padding:.1rem 0 .1rem 1rem;margin:1rem 0}
.coverage p{margin:.25rem 0}
.coverage ul{margin:.25rem 0;padding-left:1.25rem}
nav ul{list-style:none;padding:0;margin:1rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem 1.25rem}
.skip{position:absolute;left:-100vw;top:0;background:var(--bg);padding:.5rem 1rem;z-index:1}
.skip:focus{left:0}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.scroll{position:relative;overflow-x:auto;border:1px solid var(--line);border-radius:4px;margin:.5rem 0 1rem;
  background:linear-gradient(to right,var(--bg) 30%,transparent) 0 0/3rem 100% no-repeat local,linear-gradient(to left,var(--bg) 30%,transparent) 100% 0/3rem 100% no-repeat local,
  radial-gradient(farthest-side at 0 50%,var(--shade),transparent) 0 0/1rem 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,var(--shade),transparent) 100% 0/1rem 100% no-repeat scroll}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .75rem;border-top:1px solid var(--line)}
thead th{background:var(--soft);white-space:nowrap}
tbody th{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.quote{min-width:18rem;max-width:40rem}
.source{min-width:13rem}
.wide{min-width:12rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em}
.id{display:block;color:var(--muted);font-size:.85em;overflow-wrap:break-word}
.nowrap{white-space:nowrap}
.note{color:var(--muted);font-size:.9rem}
.charts{display:grid;gap:0 2rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr))}
figure{margin:0}
.chart img{display:block;width:100%;max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
figcaption{margin:.4rem 0 .75rem;font-size:.92rem;color:var(--muted)}
.snippet{margin:.25rem 0 1rem}
.snippet p{margin:.5rem 0 .25rem;font-size:.92rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:.6rem .75rem;margin:0 0 .35rem}
.filter{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;margin:.75rem 0 .25rem}
.filter label{font-weight:600}
.filter input{font:inherit;padding:.35rem .6rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg);width:min(100%,22rem)}
.filter [role=status]{margin:0;color:var(--muted);font-size:.92rem}
button{font:inherit;font-size:.9rem;padding:.25rem .8rem;border:1px solid var(--muted);border-radius:4px;background:var(--soft);color:var(--fg);cursor:pointer}
footer{border-top:1px solid var(--line);margin-top:3rem;padding:0 0 3rem}
footer h2{border-top:0}
footer p{color:var(--muted)}
[hidden]{display:none!important}
`;

// Plain DOM, no network: filters hide the table rows whose text lacks any of the typed words
// (case- and accent-insensitive); copy buttons put an embed snippet on the clipboard, or select it
// where the clipboard is not available (pages opened from file://).
export const SCRIPT = String.raw`
(function () {
  function fold(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  document.querySelectorAll('[data-filter]').forEach(function (box) {
    var input = box.querySelector('input');
    var status = box.querySelector('[role=status]');
    var table = document.getElementById(box.getAttribute('data-filter'));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return fold(row.textContent); });
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      status.textContent = words.length ? shown + ' of ' + rows.length + ' rows match' : 'All ' + rows.length + ' rows shown';
    }
    input.addEventListener('input', apply);
    box.hidden = false;
    apply();
  });
  var live = document.getElementById('copy-status');
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var code = document.getElementById(button.getAttribute('data-copy'));
    function select() {
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      live.textContent = 'Code selected: press Ctrl+C (Cmd+C on a Mac) to copy it.';
    }
    button.addEventListener('click', function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.textContent).then(function () { live.textContent = 'Code copied to the clipboard.'; }, select);
      } else select();
    });
    button.hidden = false;
  });
})();
`;

/** A CSP source for an inline block: the base64 SHA-256 of its exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
