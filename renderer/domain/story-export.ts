// A story taken away from PlaceLens: each slide as a picture of its map with its title, caption and key, as one
// self-contained HTML file that any browser opens with no network and no PlaceLens (its pictures are inside it).

export interface StoryPage {
  title: string;
  caption: string;
  /** The slide's map as a PNG data URL. */
  image: string;
  width: number;
  height: number;
  /** What the map shows, in words and colours: the service areas' dots, and the shading's meaning. */
  key: { label: string; colour: string }[];
  shading: string | null;
}

export interface StoryDocument {
  storyName: string;
  projectName: string;
  /** "Demo data — fictional", when the project says so: shown on every slide. */
  notice: string | null;
  /** ISO date it was made. */
  madeOn: string;
  attributions: string[];
  pages: StoryPage[];
}

/** Text for HTML: every character that could open markup is written as an entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * The story as one HTML file. Its content security policy lets it load nothing from anywhere (pictures are data
 * URLs, styles and the few lines of script inline), so it opens the same offline, from an email or a USB stick.
 */
export function storyHtml(doc: StoryDocument): string {
  for (const p of doc.pages) if (!PNG_DATA_URL.test(p.image)) throw new Error(`the picture of “${p.title}” is not a PNG`);
  const n = doc.pages.length;
  const slides = doc.pages
    .map((p, i) => {
      const key = p.key
        .filter((k) => COLOUR.test(k.colour))
        .map((k) => `<li><span class="dot" style="background:${k.colour}"></span>${escapeHtml(k.label)}</li>`)
        .join('');
      return `<section class="slide" id="slide-${i + 1}" aria-label="Slide ${i + 1} of ${n}">
<p class="count">${i + 1} / ${n}</p>
<h2>${escapeHtml(p.title)}</h2>
<figure><img src="${p.image}" width="${Math.round(p.width)}" height="${Math.round(p.height)}" alt="${escapeHtml(`Map for “${p.title}”: ${p.caption}`)}"></figure>
${p.caption ? `<p class="caption">${escapeHtml(p.caption)}</p>` : ''}
${key || p.shading ? `<div class="key"><ul>${key}</ul>${p.shading ? `<p>${escapeHtml(p.shading)}</p>` : ''}</div>` : ''}
</section>`;
    })
    .join('\n');
  const notice = doc.notice ? `<p class="notice">${escapeHtml(doc.notice)}</p>` : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.storyName)} — ${escapeHtml(doc.projectName)}</title>
<style>
body { margin: 0; font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; color: #1f1a14; background: #f4f1ec; line-height: 1.4; }
header, footer { max-width: 1100px; margin: 0 auto; padding: 16px 20px; }
h1 { margin: 0 0 4px; font-size: 1.8rem; }
.notice { display: inline-block; background: #ffbf47; padding: 2px 10px; font-weight: 700; border-radius: 3px; }
.slide { max-width: 1100px; margin: 0 auto 28px; padding: 16px 20px; background: #fff; border: 1px solid #d6d0c6; border-radius: 6px; }
.slide h2 { margin: 0 0 10px; font-size: 1.6rem; }
.count { margin: 0; font-weight: 700; color: #5d554b; }
figure { margin: 0; }
img { display: block; width: 100%; height: auto; border: 1px solid #d6d0c6; }
.caption { font-size: 1.25rem; margin: 12px 0 6px; }
.key ul { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.key li { display: flex; align-items: center; gap: 6px; }
.dot { display: inline-block; width: 14px; height: 14px; border-radius: 50%; border: 1px solid #000; }
.key p { margin: 0; color: #5d554b; }
footer { color: #5d554b; font-size: 0.9rem; }
@media print { body { background: #fff; } .slide { break-inside: avoid; border: 0; } }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(doc.storyName)}</h1>
<p>${escapeHtml(doc.projectName)} · ${n} slide${n === 1 ? '' : 's'} · made ${escapeHtml(doc.madeOn)} with PlaceLens</p>
${notice}
<p>Use the arrow keys or Page Up / Page Down to go from slide to slide.</p>
</header>
<main>
${slides}
</main>
<footer>
${doc.attributions.map((a) => `<p>${escapeHtml(a)}</p>`).join('\n')}
</footer>
<script>
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  var at = 0;
  document.addEventListener('keydown', function (e) {
    var next = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }[e.key];
    if (!next) return;
    at = Math.max(0, Math.min(slides.length - 1, at + next));
    slides[at].scrollIntoView({ behavior: 'smooth', block: 'start' });
    e.preventDefault();
  });
})();
</script>
</body>
</html>
`;
}
