import type { ChildProcess, SpawnOptions } from 'node:child_process';

export declare const STOP_SIGNALS: readonly ['SIGINT', 'SIGTERM', 'SIGHUP'];
export declare function exitCodeFor(code: number | null, signal: NodeJS.Signals | null): number;
export declare function onStopSignals(handlers: { first: (signal: NodeJS.Signals) => void; again: (signal: NodeJS.Signals) => void }): void;
export declare function watchParent(onGone: (formerParent: number) => void, intervalMs?: number): () => void;
export declare function superviseChild(command: string, args: string[], options?: SpawnOptions): ChildProcess;
