const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-ui', __dirname);
