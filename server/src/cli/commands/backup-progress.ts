import cliProgress from 'cli-progress';
import type { Progress } from '../../modules/backup/backup.service.js';

/** One progress bar per phase on stderr (plain lines every 2 s when stderr is not a terminal). */
export function progressBars(verb: string) {
  let bar: cliProgress.SingleBar | null = null;
  let phase: string | null = null;
  return {
    update(p: Progress) {
      if (phase !== p.phase) {
        bar?.stop();
        bar = new cliProgress.SingleBar(
          {
            format: `${verb} ${p.phase.padEnd(13)} |{bar}| {percentage}% | {value}/{total}`,
            stream: process.stderr,
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 2_000,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, 0);
        phase = p.phase;
      }
      bar?.setTotal(p.total);
      bar?.update(p.done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
