#!/usr/bin/env node
// The licsim command: loads the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../cli/bin.ts');
