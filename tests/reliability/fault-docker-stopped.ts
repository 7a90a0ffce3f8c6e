// Fault: the docker daemon stopped in the middle of a docker demo. Promised: the running step
// ends, the next docker step fails with docker's own clear message in the slide's terminal,
// the server lives, and reset still answers; the talk goes on.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { emitAny, tryConnect } from '../live/client-helpers.ts';
import { tempProject } from '../live/fixture-helpers.ts';
import { markOwnDemoProcesses, ownDemoProcesses, settle } from '../live/host-state-helpers.ts';
import { startPrivateDockerd } from './fault-dockerd.ts';
import { Promises, type FaultOutcome } from './fault-outcome.ts';
import { freePort, startServerProcess } from './server-process.ts';

// `docker events` streams from the daemon until it goes away: a step that is running when it stops.
const DECK = `# Docker stopped

\`\`\`demo id=engine requires=docker timeout=60 cols=100 rows=18
$ docker info --format 'engine {{.ServerVersion}}'
$ docker events
$ docker ps
\`\`\`
`;
const DEMO = { deck: 'fault', id: 'engine' } as const;
const REPLY_MS = 60_000;
/** What docker's CLI says when no daemon answers: the clear message the audience should read. */
const NO_DAEMON = /Cannot connect to the Docker daemon|Is the docker daemon running|connection refused|no such file/i;

type Reply = { ok: boolean; error?: { code: string; message: string }; outcome?: { exitCode: number | null; output: string } };

export async function stopDockerMidDemo(): Promise<FaultOutcome> {
  const fault = 'the docker daemon stopped (SIGTERM to its pid) while a docker demo step runs';
  const marker = markOwnDemoProcesses();
  const dockerd = await startPrivateDockerd();
  const project = tempProject([]);
  fs.writeFileSync(path.join(project.slides, 'fault.md'), DECK);
  const promises = new Promises();
  let notes = '';
  const server = await startServerProcess(project.slides, await freePort(), randomBytes(16).toString('hex'), { DOCKER_HOST: dockerd.host });
  try {
    const connected = await tryConnect(server.url, { auth: { token: server.token } });
    if ('error' in connected) throw new Error(connected.error);
    const { socket } = connected;
    socket.on('demo:output', ({ deck, id, data }) => socket.emit('output:ack', { deck, id, bytes: data.length }));
    const request = (event: string) => emitAny(socket, event, DEMO, REPLY_MS) as Promise<Reply | 'no-reply'>;
    await request('demo:attach');
    const first = await request('demo:step');
    promises.check(first !== 'no-reply' && first.ok && first.outcome?.exitCode === 0, `docker info did not run first: ${JSON.stringify(first)}`);
    const streaming = request('demo:step');
    await settle(() => (ownDemoProcesses(marker).some((p) => p.command.startsWith('docker events')) ? [] : ['not yet']), 20_000);
    await sleep(300); // connected to the daemon, not merely started
    await dockerd.stop();
    const stoppedAt = Date.now();
    const events = await streaming;
    promises.check(events !== 'no-reply', 'the running docker step never ended after the daemon stopped');
    const endedMs = Date.now() - stoppedAt;
    const next = await request('demo:step');
    const output = next !== 'no-reply' && next.ok ? (next.outcome?.output ?? '') : '';
    promises.check(next !== 'no-reply' && next.ok && next.outcome?.exitCode !== 0, `docker ps did not fail: ${JSON.stringify(next)}`);
    promises.check(NO_DAEMON.test(output), `docker ps printed no clear message: ${JSON.stringify(output.slice(0, 200))}`);
    const reset = await request('demo:reset');
    promises.check(reset !== 'no-reply', 'reset got no reply with the daemon gone');
    promises.check(fs.existsSync(`/proc/${server.pid}`), 'the server died with the daemon');
    socket.close();
    const resetSays = reset === 'no-reply' ? 'none' : reset.ok ? 'ok' : `${reset.error?.code}: ${reset.error?.message.slice(0, 80)}`;
    notes = `the running step ended ${endedMs} ms after the stop (exit ${events === 'no-reply' ? '?' : events.outcome?.exitCode}); next step: "${output.split('\n')[0]?.slice(0, 70)}"; reset: ${resetSays}`;
  } finally {
    const exit = await server.stop();
    promises.check(exit === 0, `the server's Ctrl-C exit was ${exit}`);
    const mounts = await dockerd.remove();
    promises.check(mounts.length === 0, `mounts of the private dockerd left: ${mounts.join(', ')}`);
    const left = await settle(() => ownDemoProcesses(marker));
    promises.check(left.length === 0, `demo processes left: ${left.map((p) => p.command).join(', ')}`);
    project.remove();
  }
  return { fault, problems: promises.problems, notes };
}
