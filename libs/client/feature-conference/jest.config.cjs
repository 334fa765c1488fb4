const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-conference', __dirname);
