/**
 * Client benchmark (issue 7):
 *   1. gzip size of the initial JavaScript of the built client (entry script + modulepreloads in index.html;
 *      target < 300 KB) and of all chunks;
 *   2. time to lay out and render a 2,000-element neighbourhood (fcose + Cytoscape canvas) in headless Chromium
 *      (target < 1.5 s): the client's /bench/graph page builds a seeded synthetic neighbourhood with the same
 *      element mapping as the explorer and reports the time from handing the elements to Cytoscape to the first
 *      frame after the layout stopped.
 *
 *   npm run client -w bench [-- --runs 5 --elements 2000 --no-build]
 * Writes bench/out/client.json and replaces the "Client" section of bench/RESULTS.md.
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
const dist = join(root, 'client', 'dist');
const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = arg('runs', 5);
const elements = arg('elements', 2000);

if (!args.includes('--no-build') || !existsSync(join(dist, 'index.html'))) {
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
const cpuTimes: number[] = [];
const baselineCpu: number[] = [];
const times: number[] = [];
const taskTimes: number[] = [];
const phaseRuns: Record<string, number[]> = {};
let shape = { nodes: 0, edges: 0, elements: 0 };
try {
  const page = await browser.context.newPage();
  // Main-thread busy time from the DevTools protocol: unlike wall time it does not count waiting for a CPU
  // when other processes load the machine.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskDuration = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  for (let i = 0; i < runs + 1; i++) {
    await page.goto(`http://127.0.0.1:${port}/`);
    const before = await taskDuration();
    const cpuBefore = chromiumCpuMs();
    await page.goto(`http://127.0.0.1:${port}/bench/graph?n=${elements}`);
    await page.waitForFunction(() => Boolean((window as unknown as { __knotworkBench?: unknown }).__knotworkBench), null, { timeout: 60_000 });
    const r = await page.evaluate(
      () =>
        (window as unknown as { __knotworkBench: { totalMs: number; nodes: number; edges: number; elements: number; phases: Record<string, number> } })
          .__knotworkBench,
    );
    const busy = (await taskDuration()) - before;
    const cpu = chromiumCpuMs() - cpuBefore;
    shape = { nodes: r.nodes, edges: r.edges, elements: r.elements };
    if (i > 0) {
      // the first run warms the browser's caches and JIT
      times.push(r.totalMs);
      for (const [k, v] of Object.entries(r.phases)) (phaseRuns[k] ??= []).push(v);
      taskTimes.push(busy);
      cpuTimes.push(cpu);
    }
    console.log(`run ${i}${i === 0 ? ' (warm-up)' : ''}: ${r.elements} elements mapped, laid out and rendered in ${r.totalMs.toFixed(0)} ms (${Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}); main thread busy ${busy.toFixed(0)} ms, Chromium CPU ${cpu} ms for the whole page load`);
  }
  if (args.includes('--profile')) {
    // One more run under the V8 sampling profiler: writes bench/out/client.cpuprofile (open it in Chrome DevTools)
    // and prints the functions with the most self time. Build with `vite build --minify false` for readable names.
    await page.goto(`http://127.0.0.1:${port}/`);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(`http://127.0.0.1:${port}/bench/graph?n=${elements}`);
    await page.waitForFunction(() => Boolean((window as unknown as { __knotworkBench?: unknown }).__knotworkBench), null, { timeout: 60_000 });
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
  // Baseline: the same page with a 10-element graph, to tell the graph's own cost from the page load's.
  for (let i = 0; i < 3; i++) {
    await page.goto(`http://127.0.0.1:${port}/`);
    const c0 = chromiumCpuMs();
    await page.goto(`http://127.0.0.1:${port}/bench/graph?n=10`);
    await page.waitForFunction(() => Boolean((window as unknown as { __knotworkBench?: { elements: number } }).__knotworkBench?.elements === 10), null, {
      timeout: 60_000,
    });
    baselineCpu.push(chromiumCpuMs() - c0);
  }
  await page.goto(`http://127.0.0.1:${port}/bench/graph?n=${elements}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __knotworkBench?: unknown }).__knotworkBench), null, { timeout: 60_000 });
  mkdirSync(join(root, 'e2e', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(root, 'e2e', 'screenshots', 'bench-graph-2000.png') });
} finally {
  await browser.close();
  server.close();
}

times.sort((a, b) => a - b);
taskTimes.sort((a, b) => a - b);
const busyMedian = taskTimes[Math.floor(taskTimes.length / 2)]!;
cpuTimes.sort((a, b) => a - b);
const cpuMedian = cpuTimes[Math.floor(cpuTimes.length / 2)]!;
baselineCpu.sort((a, b) => a - b);
const baselineMedian = baselineCpu[Math.floor(baselineCpu.length / 2)]!;
const load = (await import('node:os')).loadavg()[0]!;
const median = times[Math.floor(times.length / 2)]!;
const worst = times[times.length - 1]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverage1m: Math.round(load * 10) / 10 },
  bundle: { initialFiles: initial, initialJsGzipBytes: initialGzip, allJsGzipBytes: allJsGzip, cssGzipBytes: cssGzip, graphChunkGzipBytes: graphChunk },
  layout: {
    ...shape,
    runs: times.length,
    medianMs: Math.round(median),
    worstMs: Math.round(worst),
    allMs: times.map(Math.round),
    phaseMediansMs: Object.fromEntries(
      Object.entries(phaseRuns).map(([k, v]) => [k, Math.round([...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!)]),
    ),
    mainThreadBusyMedianMs: Math.round(busyMedian),
    chromiumCpuMedianMs: cpuMedian,
    chromiumCpuBaselineMedianMs: baselineMedian,
    graphCpuMs: cpuMedian - baselineMedian,
  },
};
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'client.json'), JSON.stringify(result, null, 2));

const section = `## Client (bench/client.ts)

Measured ${result.date.slice(0, 10)} on ${result.machine.cpus} cores / ${result.machine.memoryGiB} GiB (1-minute load average ${result.machine.loadAverage1m} while measuring), Debian Chromium headless, 1280×800.
\`npm run client -w bench\` rebuilds the client, measures the bundle and times the graph page.

| measure | result | target |
|---|---|---|
| initial JS (entry + modulepreload), gzip -9 | **${kb(initialGzip)}** | < 300 KB ${initialGzip < 300 * 1024 ? '✅' : '❌'} |
| all JS chunks, gzip (graph, team, insights, admin are lazy) | ${kb(allJsGzip)} | — |
| Cytoscape + fcose chunk (loaded with the network page), gzip | ${kb(graphChunk)} | — |
| CSS, gzip | ${kb(cssGzip)} | — |
| lay out (fcose) and render ${shape.elements} elements (${shape.nodes} nodes, ${shape.edges} edges), wall time, median of ${times.length} | **${result.layout.medianMs} ms** (worst ${result.layout.worstMs} ms) | < 1,500 ms ${median < 1500 ? '✅' : '❌'} |
| main-thread busy time of the whole page load (JS parse, React, mapping, layout, paint), median | ${result.layout.mainThreadBusyMedianMs} ms | — |
| CPU time all Chromium processes used for that page load (from /proc; not inflated by waiting for a CPU), median | ${result.layout.chromiumCpuMedianMs} ms | — |
| the same page with a 10-element graph (baseline), CPU median | ${result.layout.chromiumCpuBaselineMedianMs} ms | — |
| CPU attributable to the 2,000-element graph (difference) | **${result.layout.graphCpuMs} ms** | < 1,500 ms ${result.layout.graphCpuMs < 1500 ? '✅' : '❌'} (proxy) |

On an otherwise idle machine the wall time of the layout is close to the CPU attributable to the graph; when
other processes load the machine (see the load average) the wall time grows with the wait for a CPU, so the CPU
difference is the figure to compare across runs.
The layout time runs from handing the elements to Cytoscape (batched add) to the first animation frame after
fcose stops; for graphs over 600 nodes the explorer uses fcose's draft quality, no animation, and hides edges while
panning/zooming (\`hideEdgesOnViewport\`); labels show only for the 40 best-connected nodes until zoomed in.
`;
const resultsPath = join(here, 'RESULTS.md');
const existing = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
const start = existing.indexOf('## Client (bench/client.ts)');
let updated: string;
if (start === -1) updated = `${existing.trimEnd()}\n\n${section}`;
else {
  const next = existing.indexOf('\n## ', start + 5);
  updated = existing.slice(0, start) + section + (next === -1 ? '' : `\n${existing.slice(next + 1)}`);
}
writeFileSync(resultsPath, updated.endsWith('\n') ? updated : `${updated}\n`);
console.log(`\ninitial JS ${kb(initialGzip)} gzip; ${shape.elements} elements in ${result.layout.medianMs} ms (median)`);
