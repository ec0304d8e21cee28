import { describe, expect, it } from 'vitest';
import { escapeHtml, storyHtml, type StoryDocument } from '../../../renderer/domain/story-export';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function doc(over: Partial<StoryDocument> = {}): StoryDocument {
  return {
    storyName: 'Estates & youth',
    projectName: 'Fenmarsh (demo)',
    notice: 'Demo data — fictional',
    madeOn: '2026-11-27',
    attributions: ['Ward boundaries: wards.geojson.'],
    pages: [
      { title: 'The borough', caption: '£108m of council spend.', image: PNG, width: 1280, height: 800, key: [{ label: 'Youth services', colour: '#E69F00' }], shading: 'Darker wards: more spend (up to £17.8m).' },
      { title: '<script>alert(1)</script>', caption: 'He said "no" & left', image: PNG, width: 640, height: 400, key: [], shading: null },
    ],
    ...over,
  };
}

describe('the story as an offline web page', () => {
  it('holds every slide with its picture, words and key, and loads nothing from anywhere', () => {
    const html = storyHtml(doc());
    expect(html.match(/<section class="slide"/g)).toHaveLength(2);
    expect(html).toContain(`<img src="${PNG}" width="1280" height="800"`);
    expect(html).toContain('<h2>The borough</h2>');
    expect(html).toContain('style="background:#E69F00"></span>Youth services');
    expect(html).toContain("default-src 'none'; img-src data:");
    expect(html).toContain('<p class="notice">Demo data — fictional</p>');
    expect(html).toContain('<title>Estates &amp; youth — Fenmarsh (demo)</title>');
    // No address to fetch: every src is a data URL and nothing links out.
    expect([...html.matchAll(/src="([^"]*)"/g)].map((m) => m[1]!.slice(0, 5))).toEqual(['data:', 'data:']);
    expect(html).not.toMatch(/href=|url\(/);
  });

  it('writes words with markup as text', () => {
    const html = storyHtml(doc());
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(html).toContain('He said &quot;no&quot; &amp; left');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('refuses a picture that is not a PNG data URL, and drops a key colour that is not a colour', () => {
    expect(() => storyHtml(doc({ pages: [{ ...doc().pages[0]!, image: 'http://example.com/map.png' }] }))).toThrow('the picture of “The borough” is not a PNG');
    const html = storyHtml(doc({ pages: [{ ...doc().pages[0]!, key: [{ label: 'Bad', colour: 'red;background:url(http://x)' }] }] }));
    expect(html).not.toContain('Bad');
  });
});
