// `npm run serve`: the API only (services external); see server/src/serve.ts. No `npm ci` here: a production
// install is made once, by the image build or the deploy step, not by the process manager's start.
import { checkNode, runTs } from './ensure-installed.mjs';

checkNode();
runTs('server/src/serve.ts', process.argv.slice(2));
