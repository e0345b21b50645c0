import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../src/docker/install.ts';
import { loadScenarioFiles, runScript } from '../../../src/scenario/run.ts';
import { hostFileSystem } from '../../../src/shell/fs.ts';

const dir = new URL('../../../scenarios/', import.meta.url).pathname;

describe('docker compose', () => {
  it('runs the compose scenario as its narrative says', () => {
    const sh = createMachine(1);
    loadScenarioFiles(sh, { 'compose-todo.yaml': readFileSync(`${dir}compose-todo.yaml`, 'utf8') });
    const r = runScript(sh, 'compose-todo.sh', readFileSync(`${dir}compose-todo.sh`, 'utf8'));
    const step = (needle: string) => r.steps.find((s) => s.command.includes(needle))!;
    for (const s of r.steps) expect(s.exitCode, `${s.line}: ${s.command}\n${s.stdout}`).toBe(0);
    expect(step('up -d').stdout).toContain(' ✔ Network todo_default  Created\n');
    expect(step('up -d').stdout).toContain(' ✔ Container todo-mysql-1  Started\n');
    expect(step('compose-todo.yaml ps').stdout).toMatch(/todo-web-1 +nginx .* 0\.0\.0\.0:8080->80\/tcp/);
    expect(step('getent hosts mysql').stdout).toBe('172.18.0.2      mysql\n');
    expect(step('{{range $k').stdout).toBe('todo_default todo_front \n');
    expect(step('http_code').stdout).toBe('200\n');
    expect(step('docker ps -a').stdout).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  it('reports a malformed compose file with its line', () => {
    const sh = createMachine(2);
    hostFileSystem(sh.kernel).write('/bad.yaml', 'services:\n  web:\n    image: nginx\n   ports: [80]\n');
    const r = sh.run('docker compose -f bad.yaml up -d');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^yaml: line 4: /);
    hostFileSystem(sh.kernel).write('/dep.yaml', 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n');
    expect(sh.run('docker compose -f dep.yaml up -d').output).toBe('dep.yaml:4: service "web" depends on undefined service "db": invalid compose project\n');
  });
});
