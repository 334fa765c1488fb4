const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const api = globalThis.__casustafelApi;
  if (!api) return;
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (api.child.exitCode === null) api.child.kill('SIGKILL');
  rmSync(api.dataDir, { recursive: true, force: true });
};
