const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-auth', __dirname);
