/**
 * Client benchmark (issue 7):
 *   1. gzip size of the initial JavaScript of the built client (entry script + modulepreloads in index.html;
 *      target < 300 KB) and of all chunks;
 *   2. time to lay out and render a 2,000-element neighbourhood (fcose + Cytoscape canvas) in headless Chromium
 *      (target < 1.5 s): the client's /bench/graph page builds a seeded synthetic neighbourhood, maps it with the
 *      explorer's own functions and draws it with the explorer's CyGraph; timed from handing the payload over to
 *      the painted frame after fcose stopped (wall time and the main thread's CPU time); then a node selection.
 *
 *   npm run client -w bench [-- --runs 5 --elements 2000 --no-build]
 * Writes bench/out/client.json and replaces the "Client" section of bench/RESULTS.md (keeping "### Client notes").
 * Experiments: --dist <dir> (another build, e.g. an older commit's), --layout '<fcose options JSON>', --profile,
 * --out <file.json>, --no-results (RESULTS.md is left alone with --dist, --layout or --no-results).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch } from '../e2e/support/browser.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..');
/** --dist <dir>: time another build of the client (e.g. an older commit's, for an A/B comparison; implies --no-build). */
const distArg = process.argv.indexOf('--dist');
const dist = distArg > 0 ? resolve(process.argv[distArg + 1]!) : join(root, 'client', 'dist');
const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = arg('runs', 5);
const elements = arg('elements', 2000);
/** --layout '{"numIter":500}': fcose options over the explorer's (for tuning). */
const layoutArg = args.includes('--layout') ? `&layout=${encodeURIComponent(args[args.indexOf('--layout') + 1]!)}` : '';

if (distArg < 0 && (!args.includes('--no-build') || !existsSync(join(dist, 'index.html')))) {
  console.log('building the client…');
  execFileSync('npm', ['run', '--silent', '-w', 'client', 'build'], { cwd: root, stdio: 'inherit' });
}

// 1. Bundle size ---------------------------------------------------------------------------------------------
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [
  ...[...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!),
  ...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]!),
];
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const initialGzip = initial.reduce((sum, f) => sum + gz(join(dist, f)), 0);
const assets = readdirSync(join(dist, 'assets'));
const allJsGzip = assets.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(join(dist, 'assets', f)), 0);
const cssGzip = assets.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(join(dist, 'assets', f)), 0);
const graphChunk = assets.filter((f) => f.startsWith('CyGraph') && f.endsWith('.js')).reduce((s, f) => s + gz(join(dist, 'assets', f)), 0);

// 2. Layout + render in Chromium ------------------------------------------------------------------------------
const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  const file = join(dist, path);
  if (path.startsWith('/api/')) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"UNAUTHENTICATED","message":"bench","requestId":"-"}}');
  } else if (path !== '/' && file.startsWith(dist) && existsSync(file)) {
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  } else {
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

const browser = await launch({ width: 1280, height: 800 });

/** CPU time (user + system, ms) used so far by every process of this Chromium, from /proc (Linux). */
function chromiumCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(browser.userDataDir)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* the process ended meanwhile */
    }
  }
  return ticks * 10; // USER_HZ = 100
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
interface Run {
  wallMs: number;
  threadCpuMs: number;
  busyMs: number;
  chromiumCpuMs: number;
  phases: Record<string, number>;
  selectWallMs: number;
  selectThreadCpuMs: number;
}
const measured: Run[] = [];
let shape = { nodes: 0, edges: 0, elements: 0 };
type BenchWindow = {
  __knotworkBench?: { totalMs: number; nodes: number; edges: number; elements: number; phases: Record<string, number> };
  __knotworkBenchStart?: () => void;
  __knotworkBenchSelect?: (i: number) => void;
};
try {
  const page = await browser.context.newPage();
  // CPU counters of the page's main thread from the DevTools protocol (ThreadTime: CPU time; TaskDuration: busy
  // time). Unlike wall time, CPU time does not count waiting for a CPU when other processes load the machine.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    return { thread: (m.ThreadTime ?? 0) * 1000, busy: (m.TaskDuration ?? 0) * 1000 };
  };
  const settle = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  for (let i = 0; i < runs + 1; i++) {
    // The page loads with an empty graph (Cytoscape started); the clock starts when the elements are handed over.
    await page.goto(`http://127.0.0.1:${port}/bench/graph?n=${elements}&start=manual${layoutArg}`);
    await page.waitForFunction(() => Boolean((window as unknown as BenchWindow).__knotworkBenchStart), null, { timeout: 60_000 });
    await settle();
    const m0 = await metrics();
    const c0 = chromiumCpuMs();
    await page.evaluate(() => (window as unknown as BenchWindow).__knotworkBenchStart!());
    await page.waitForFunction(() => Boolean((window as unknown as BenchWindow).__knotworkBench), null, { timeout: 60_000, polling: 50 });
    const r = (await page.evaluate(() => (window as unknown as BenchWindow).__knotworkBench))!;
    const m1 = await metrics();
    const c1 = chromiumCpuMs();
    // A click on a node: the explorer maps the elements again with the selection; time to the painted frame.
    await settle();
    const m2 = await metrics();
    const selectWallMs = await page.evaluate(async () => {
      const t0 = performance.now();
      (window as unknown as BenchWindow).__knotworkBenchSelect!(7);
      await new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(res, 0))));
      return performance.now() - t0;
    });
    const m3 = await metrics();
    const run: Run = {
      wallMs: r.totalMs,
      threadCpuMs: m1.thread - m0.thread,
      busyMs: m1.busy - m0.busy,
      chromiumCpuMs: c1 - c0,
      phases: r.phases,
      selectWallMs,
      selectThreadCpuMs: m3.thread - m2.thread,
    };
    shape = { nodes: r.nodes, edges: r.edges, elements: r.elements };
    if (i > 0) measured.push(run); // the first run warms the browser's caches and JIT
    console.log(
      `run ${i}${i === 0 ? ' (warm-up)' : ''}: ${r.elements} elements mapped, laid out and rendered in ${run.wallMs.toFixed(0)} ms ` +
        `(${Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}); main-thread CPU ${run.threadCpuMs.toFixed(0)} ms, ` +
        `busy ${run.busyMs.toFixed(0)} ms, all Chromium processes ${run.chromiumCpuMs} ms CPU; select a node ${selectWallMs.toFixed(0)} ms ` +
        `(CPU ${run.selectThreadCpuMs.toFixed(0)} ms)`,
    );
  }
  if (args.includes('--profile')) {
    // One more run under the V8 sampling profiler: writes bench/out/client.cpuprofile (open it in Chrome DevTools)
    // and prints the functions with the most self time. Build with `vite build --minify false` for readable names.
    await page.goto(`http://127.0.0.1:${port}/bench/graph?n=${elements}&start=manual${layoutArg}`);
    await page.waitForFunction(() => Boolean((window as unknown as BenchWindow).__knotworkBenchStart), null, { timeout: 60_000 });
    await settle();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.evaluate(() => (window as unknown as BenchWindow).__knotworkBenchStart!());
    await page.waitForFunction(() => Boolean((window as unknown as BenchWindow).__knotworkBench), null, { timeout: 60_000, polling: 50 });
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(join(here, 'out'), { recursive: true });
    writeFileSync(join(here, 'out', 'client.cpuprofile'), JSON.stringify(profile));
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = new Map<number, number>();
    profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000));
    for (const [id, ms] of dt) {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + ms);
    }
    console.log('self time (ms), top 30:');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
  }
  await page.goto(`http://127.0.0.1:${port}/bench/graph?n=${elements}${layoutArg}`);
  await page.waitForFunction(() => Boolean((window as unknown as BenchWindow).__knotworkBench), null, { timeout: 60_000 });
  await settle();
  mkdirSync(join(root, 'e2e', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(root, 'e2e', 'screenshots', 'bench-graph-2000.png') });
  // Zoomed in on the focus: the labels of ordinary nodes appear from zoom 1.1.
  await page.evaluate(() => (window as unknown as { __knotworkBenchZoom?: (f: number) => void }).__knotworkBenchZoom?.(2.2));
  await page.waitForTimeout(500); // labels follow the zoom once the gesture has stopped
  await settle();
  await page.screenshot({ path: join(root, 'e2e', 'screenshots', 'bench-graph-2000-zoomed.png') });
} finally {
  await browser.close();
  server.close();
}

const load = (await import('node:os')).loadavg()[0]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const pick = (f: (r: Run) => number) => measured.map(f);
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverage1m: Math.round(load * 10) / 10 },
  bundle: { initialFiles: initial, initialJsGzipBytes: initialGzip, allJsGzipBytes: allJsGzip, cssGzipBytes: cssGzip, graphChunkGzipBytes: graphChunk },
  layout: {
    ...shape,
    runs: measured.length,
    medianMs: Math.round(med(pick((r) => r.wallMs))),
    bestMs: Math.round(Math.min(...pick((r) => r.wallMs))),
    worstMs: Math.round(Math.max(...pick((r) => r.wallMs))),
    allMs: pick((r) => Math.round(r.wallMs)),
    phaseMediansMs: Object.fromEntries(Object.keys(measured[0]!.phases).map((k) => [k, Math.round(med(pick((r) => r.phases[k]!)))])),
    mainThreadCpuMedianMs: Math.round(med(pick((r) => r.threadCpuMs))),
    mainThreadBusyMedianMs: Math.round(med(pick((r) => r.busyMs))),
    chromiumCpuMedianMs: med(pick((r) => r.chromiumCpuMs)),
    selectMedianMs: Math.round(med(pick((r) => r.selectWallMs))),
    selectThreadCpuMedianMs: Math.round(med(pick((r) => r.selectThreadCpuMs))),
  },
};
mkdirSync(join(here, 'out'), { recursive: true });
const outArg = args.indexOf('--out');
writeFileSync(join(here, 'out', outArg >= 0 ? args[outArg + 1]! : 'client.json'), JSON.stringify(result, null, 2));
const L = result.layout;

const section = `## Client (bench/client.ts)

Measured ${result.date.slice(0, 10)} on ${result.machine.cpus} cores / ${result.machine.memoryGiB} GiB (1-minute load average ${result.machine.loadAverage1m} while measuring), Debian Chromium headless, 1280×800.
\`npm run client -w bench\` rebuilds the client, measures the bundle and times the graph page (\`/bench/graph\`: a seeded
synthetic neighbourhood — 7 node types, agencies with sectors, tie types by endpoints — mapped by the explorer's own
\`buildView\`/\`toElements\` and drawn by the explorer's \`CyGraph\`).

| measure | result | target |
|---|---|---|
| initial JS (entry + modulepreload), gzip -9 | **${kb(initialGzip)}** | < 300 KB ${initialGzip < 300 * 1024 ? '✅' : '❌'} |
| all JS chunks, gzip (graph, team, insights, admin are lazy) | ${kb(allJsGzip)} | — |
| Cytoscape + fcose chunk (loaded with the network page), gzip | ${kb(graphChunk)} | — |
| CSS, gzip | ${kb(cssGzip)} | — |
| map, lay out (fcose) and render ${shape.elements} elements (${shape.nodes} nodes, ${shape.edges} edges), wall time, median of ${L.runs} | **${L.medianMs} ms** (best ${L.bestMs}, worst ${L.worstMs}) | < 1,500 ms ${L.medianMs < 1500 ? '✅' : '❌'} |
| … of which map / add / fcose / first painted frame (medians) | ${L.phaseMediansMs.mapMs} / ${L.phaseMediansMs.addMs} / ${L.phaseMediansMs.layoutMs} / ${L.phaseMediansMs.renderMs} ms | — |
| main-thread CPU time for the same (DevTools ThreadTime; not counting the wait for a CPU), median | **${L.mainThreadCpuMedianMs} ms** | < 1,500 ms ${L.mainThreadCpuMedianMs < 1500 ? '✅' : '❌'} (proxy) |
| CPU time of all Chromium processes for the same (from /proc, includes compositing), median | ${L.chromiumCpuMedianMs} ms | — |
| select a node at ${shape.elements} elements (explorer re-maps with the selection) to the painted frame, median | ${L.selectMedianMs} ms (main-thread CPU ${L.selectThreadCpuMedianMs} ms) | — |

The clock starts when the elements are handed to the graph (page load, React and Cytoscape start-up excluded,
mapping the payload to elements included) and stops after Cytoscape's first \`render\` of the laid-out graph and the
browser's paint of that frame. Wall time grows with the wait for a CPU when other processes load the machine (see
the load average); the main-thread CPU time much less (it still varies ±20 % on this shared 2-core machine), so
compare builds with interleaved runs (\`--dist\`, see the notes).
`;
const resultsPath = join(here, 'RESULTS.md');
const existing = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
const start = existing.indexOf('## Client (bench/client.ts)');
let updated: string;
if (start === -1) updated = `${existing.trimEnd()}\n\n${section}`;
else {
  const next = existing.indexOf('\n## ', start + 5);
  // Hand-written notes under "### Client notes" are kept.
  const old = existing.slice(start, next === -1 ? undefined : next + 1);
  const notes = old.indexOf('### Client notes');
  const keep = notes === -1 ? '' : `\n${old.slice(notes).trimEnd()}\n`;
  updated = existing.slice(0, start) + section + keep + (next === -1 ? '' : `\n${existing.slice(next + 1)}`);
}
// Experiments (another build, other layout options) do not replace the recorded results.
if (distArg < 0 && !layoutArg && !args.includes('--no-results')) writeFileSync(resultsPath, updated.endsWith('\n') ? updated : `${updated}\n`);
console.log(`\ninitial JS ${kb(initialGzip)} gzip; ${shape.elements} elements in ${L.medianMs} ms (median), main-thread CPU ${L.mainThreadCpuMedianMs} ms; select ${L.selectMedianMs} ms`);
