// Installs code-server 4.100.3 (VS Code 1.100.3 in the browser) into a cache folder outside the repository,
// following shared/recipes/vscode-e2e.md: its ripgrep download is seeded from Debian's `rg`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const cacheDir = process.env.KLI_E2E_CACHE ?? join(homedir(), '.cache', 'kli-e2e');

/** The path of the `code-server` binary, installing it first when missing. */
export function ensureCodeServer() {
  const dir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(dir, 'node_modules', '.bin', 'code-server');
  if (existsSync(join(dir, '.installed'))) return bin;
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  if (!rg) throw new Error('ripgrep (Debian package `ripgrep`) is needed to install code-server');
  console.log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} …`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tmp = mkdtempSync(join(cacheDir, 'tmp-'));
  // @vscode/ripgrep downloads from an unreachable host unless its cache already holds the tarball.
  const seed = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const stage = join(tmp, 'stage');
  mkdirSync(seed, { recursive: true });
  mkdirSync(stage);
  execFileSync('cp', [rg, join(stage, 'rg')]);
  execFileSync('tar', [
    '-czf',
    join(seed, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'),
    '-C',
    stage,
    'rg',
  ]);
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(dir, '.installed'), `${new Date().toISOString()}\n`);
  return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureCodeServer());
