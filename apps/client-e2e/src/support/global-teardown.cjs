const { stopApi } = require('./api-process.cjs');

module.exports = async function globalTeardown() {
  await stopApi(globalThis.__casustafelApi);
};
