import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * Module boundaries are enforced, not merely declared: the workspace lint configuration must
 * refuse a framework import in shared code and a cross-scope import between api and client.
 * Each probe is linted as if it were a file inside the named project.
 */
const workspaceRoot = path.resolve(__dirname, '../../..');
const eslintBin = path.join(workspaceRoot, 'node_modules/eslint/bin/eslint.js');

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

/** Runs the real ESLint CLI, as `npm run lint` does, on `code` as if it lived at `filePath`. */
async function boundaryErrors(
  filePath: string,
  code: string,
  extraEnv: Record<string, string> = {},
): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', filePath],
    {
      cwd: workspaceRoot,
      input: code,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', ...extraEnv },
    },
  );
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' && m.severity === 2)
    .map((m) => m.message);
}

describe('module boundaries', () => {
  it.each([
    [
      'libs/contracts/src/lib/probe.ts',
      "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    ],
    [
      'libs/domain/src/lib/probe.ts',
      "import { signal } from '@angular/core';\nexport const x = signal(1);\n",
    ],
    [
      'libs/domain/src/lib/probe.ts',
      "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n",
    ],
    [
      'libs/contracts/src/lib/probe.ts',
      "import { Server } from 'socket.io';\nexport const x = Server;\n",
    ],
  ])('refuses a framework import in shared code (%s)', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.join('\n')).toMatch(/"scope:shared" is not allowed to import/);
  });

  it('refuses an api → client import and a domain → contracts import', async () => {
    const fromApi = await boundaryErrors(
      'apps/api/src/probe.ts',
      "import { HealthStore } from '@casustafel/client/data-access';\nexport const x = HealthStore;\n",
    );
    expect(fromApi.length).toBeGreaterThan(0);
    const fromDomain = await boundaryErrors(
      'libs/domain/src/lib/probe.ts',
      "import { errorCodeSchema } from '@casustafel/contracts';\nexport const x = errorCodeSchema;\n",
    );
    expect(fromDomain.length).toBeGreaterThan(0);
  });

  it('allows what the architecture allows', async () => {
    expect(
      await boundaryErrors(
        'apps/api/src/probe.ts',
        "import { errorCodeSchema } from '@casustafel/contracts';\nexport const x = errorCodeSchema;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'libs/domain/src/lib/probe.ts',
        "import { z } from 'zod';\nexport const x = z.string();\n",
      ),
    ).toEqual([]);
  });

  it('enforces the boundaries without a cached project graph (a fresh clone, plain eslint)', async () => {
    const workspaceData = mkdtempSync(path.join(tmpdir(), 'nx-workspace-data-'));
    try {
      const errors = await boundaryErrors(
        'libs/contracts/src/lib/probe.ts',
        "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
        { NX_WORKSPACE_DATA_DIRECTORY: workspaceData },
      );
      expect(errors.join('\n')).toMatch(/"scope:shared" is not allowed to import/);
      expect(readdirSync(workspaceData)).toContain('project-graph.json');
    } finally {
      rmSync(workspaceData, { recursive: true, force: true });
    }
  });
});
