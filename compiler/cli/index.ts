import { buildProgram } from './main.js';

await buildProgram().parseAsync(process.argv);
