// Naming and indexing a batch of area briefs: the same for the desktop app and the command line.

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f]+/g;

/** "Highgate (E05013661).pdf": the ward's name made safe for every file system, and its code so names never clash. */
export function briefFileName(name: string, code: string): string {
  const safe = name.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 80) || 'Ward';
  return `${safe} (${code.replace(UNSAFE, '')}).pdf`;
}

export interface BriefWritten {
  code: string;
  name: string;
  file: string;
  /** As the brief prints them. */
  total: string;
  lines: string;
  ms: number;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const csvCell = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `"'${s.replace(/"/g, '""')}"` : /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The index beside the briefs: a page linking each PDF, and the same as CSV. */
export function briefIndex(project: string, written: readonly BriefWritten[], cancelledAfter: number | null): { html: string; csv: string } {
  const rows = written.map((w) => `<tr><td><a href="${encodeURI(w.file)}">${escapeHtml(w.name)}</a></td><td>${escapeHtml(w.code)}</td><td class="n">${escapeHtml(w.total)}</td><td class="n">${escapeHtml(w.lines)}</td></tr>`);
  const note = cancelledAfter === null ? '' : `<p><strong>Stopped after ${cancelledAfter} briefs:</strong> the wards below are complete; the rest were not made.</p>`;
  const html = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Area briefs: ${escapeHtml(project)}</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#1f1a14}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}</style></head>
<body><h1>Area briefs: ${escapeHtml(project)}</h1>${note}
<table><thead><tr><th>Ward</th><th>Code</th><th class="n">Spend placed</th><th class="n">Lines</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
  const csv = ['ward,code,spend_placed,lines,file', ...written.map((w) => [w.name, w.code, w.total, w.lines, w.file].map(csvCell).join(','))].join('\r\n') + '\r\n';
  return { html, csv };
}

