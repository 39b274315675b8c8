// An ES module (.js under "type": "module") importing a layer package.
import { greet } from 'greeter';

export const handler = async () => ({ greeting: greet('esm') });
