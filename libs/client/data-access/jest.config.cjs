const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-data-access', __dirname);
