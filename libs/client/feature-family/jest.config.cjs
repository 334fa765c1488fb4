const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-family', __dirname);
