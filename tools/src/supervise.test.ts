import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../bin/supervise.mjs';

describe('exitCodeFor', () => {
  it('passes an exit code through and maps a signal to 128 + its number, as a shell does', () => {
    expect(exitCodeFor(0, null)).toBe(0);
    expect(exitCodeFor(3, null)).toBe(3);
    expect(exitCodeFor(null, 'SIGINT')).toBe(130);
    expect(exitCodeFor(null, 'SIGTERM')).toBe(143);
    expect(exitCodeFor(null, 'SIGKILL')).toBe(137);
  });
});

describe('superviseChild', () => {
  /** A wrapper (plain node, as the entry points run) around a child that reports the signals it gets. */
  const wrapper = `
    import { superviseChild } from ${JSON.stringify(new URL('../bin/supervise.mjs', import.meta.url).href)};
    superviseChild(process.execPath, ['-e', \`
      let n = 0;
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => { console.log('child got ' + s); if (++n === 2) process.exit(7); });
      console.log('child ready');
      setInterval(() => {}, 1000);
    \`]);`;

  it('passes each stop signal on to the child and exits with the child’s status', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', wrapper], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('child ready')) resolve();
      }),
    );
    await ready;
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGHUP');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(out).toContain('child got SIGTERM');
    expect(out).toContain('child got SIGHUP');
    expect(code).toBe(7);
  });
});
