const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-network', __dirname);
