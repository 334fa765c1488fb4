import type { ChildProcess } from 'node:child_process';

export interface PreparedApi {
  port: number;
  dataDir: string;
  /** `http://127.0.0.1:<port>`, also the instance's PUBLIC_URL. */
  baseUrl: string;
  env: Record<string, string | undefined>;
}

export interface RunningApi extends PreparedApi {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number>;
export function prepareApi(env?: Record<string, string>): Promise<PreparedApi>;
export function runCli(
  prepared: PreparedApi,
  args: string[],
  timeoutMs?: number,
): Promise<{ stdout: string; stderr: string }>;
export function launchApi(prepared: PreparedApi, timeoutMs?: number): Promise<RunningApi>;
export function startApi(env?: Record<string, string>): Promise<RunningApi>;
export function stopApi(api: PreparedApi | RunningApi | undefined, graceMs?: number): Promise<void>;
