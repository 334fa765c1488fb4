import { clientEslintConfig } from '../../libs/client/eslint.client.mjs';

export default clientEslintConfig('app');
