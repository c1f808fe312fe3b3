// The bundled language server: `node dist/server.js --stdio` (it always talks over stdin and stdout).
import { startServer } from '../../lsp/server.js';

startServer();
