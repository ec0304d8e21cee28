import { startWebShell, launchChromium, openGuardedPage, waitForMapIdle } from './harness';
const { server, url } = await startWebShell();
const browser = await launchChromium();
const g = await openGuardedPage(browser, { width: 1280, height: 800 });
await g.page.addInitScript(() => {
  const log: string[] = ((window as unknown as { __log: string[] }).__log = []);
  const t = setInterval(() => {
    const m = (window as unknown as { __placelensMap?: { on(e: string, f: (e: { isSourceLoaded?: boolean; sourceDataType?: string; sourceId?: string; tile?: unknown }) => void): void; getZoom(): number } }).__placelensMap;
    if (!m) return;
    clearInterval(t);
    log.push(`created ${performance.now().toFixed(0)}`);
    let renders = 0;
    m.on('render', () => { renders++; log.push(`r${renders}@${performance.now().toFixed(0)}`); });
    m.on('data', (e) => { if (e.tile) log.push(`tile:${e.sourceId}@${performance.now().toFixed(0)}`); });
    m.on('load', () => log.push(`load@${performance.now().toFixed(0)} z=${m.getZoom().toFixed(2)}`));
    m.on('idle', () => log.push(`idle@${performance.now().toFixed(0)}`));
  }, 2);
});
for (let i = 0; i < 3; i++) {
  await g.page.goto(url);
  await waitForMapIdle(g.page, 30000);
  console.log(await g.page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`).join(' | ')));
  console.log(await g.page.evaluate(() => (window as unknown as { __log: string[] }).__log.join(' ')));
}
await browser.close(); await server.close();
