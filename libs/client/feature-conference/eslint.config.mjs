import { clientEslintConfig } from '../eslint.client.mjs';

export default clientEslintConfig('cst');
