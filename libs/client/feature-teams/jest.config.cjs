const clientJestConfig = require('../jest.client.cjs');

module.exports = clientJestConfig('client-feature-teams', __dirname);
