const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-intervision', __dirname);
