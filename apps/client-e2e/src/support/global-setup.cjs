// Starts the shared demo api (which serves the built client) once for the whole browser suite.
// Test files that need another configuration start their own instance (see api-process.cjs).
const { startApi } = require('./api-process.cjs');

module.exports = async function globalSetup() {
  const api = await startApi(process.env.E2E_API_ENV ? JSON.parse(process.env.E2E_API_ENV) : {});
  process.env.E2E_BASE_URL = api.baseUrl;
  process.env.E2E_DATA_DIR = api.dataDir;
  globalThis.__casustafelApi = api;
};
