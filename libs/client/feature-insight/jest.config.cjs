const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-insight', __dirname);
