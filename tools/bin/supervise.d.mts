import type { ChildProcess, SpawnOptions } from 'node:child_process';

export declare const STOP_SIGNALS: readonly NodeJS.Signals[];
export declare function exitCodeFor(code: number | null, signal: NodeJS.Signals | null): number;
export declare function watchParent(onGone: (formerParent: number) => void, intervalMs?: number): () => void;
export declare function superviseChild(command: string, args: string[], options?: SpawnOptions): ChildProcess;
