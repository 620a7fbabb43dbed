import { devBusinesses } from '../appliance/agent/test/knowledge-dev.js';
import { textBlocks } from '../appliance/knowledge/blocks.js';
import { chunkBlocks } from '../appliance/knowledge/chunk.js';
const d = devBusinesses[0]!.documents[0]!;
for (const c of chunkBlocks(textBlocks(d.text))) console.log(JSON.stringify(c));
