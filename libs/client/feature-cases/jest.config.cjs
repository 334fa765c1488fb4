const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-cases', __dirname);
