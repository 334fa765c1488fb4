const clientJestConfig = require('../../libs/client/jest.client.cjs');

module.exports = clientJestConfig('client', __dirname);
