// Fault: the shell of a running demo killed with SIGKILL from outside (an OOM killer, a stray
// `kill -9`). Promised: the slide shows the demo ended, reset starts it fresh, the server lives,
// and nothing of the demo is left behind.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DemoSnapshot } from '../../protocol/socket-events.ts';
import { emitAny, tryConnect } from '../live/client-helpers.ts';
import { tempProject } from '../live/fixture-helpers.ts';
import { markOwnDemoProcesses, ownDemoProcesses, settle } from '../live/host-state-helpers.ts';
import { Promises, type FaultOutcome } from './fault-outcome.ts';
import { freePort, startServerProcess } from './server-process.ts';
import { isRunning } from '../process-running.ts';

const DECK = `# Shell killed

\`\`\`demo id=victim timeout=60 cols=80 rows=18
$ echo one
one
$ sleep 50
$ echo three
three
\`\`\`
`;
const DEMO = { deck: 'fault', id: 'victim' } as const;
/** Replies and state changes after the kill may take this long on a loaded box (ms). */
const REPLY_MS = 30_000;

type Reply = { ok: boolean; error?: { code: string; message: string }; outcome?: { exitCode: number | null; output: string }; snapshot?: DemoSnapshot };

function parentOf(pid: number): number {
  try {
    // The command may hold spaces and parentheses: the fields after the last ')' are fixed.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

export async function killDemoShell(): Promise<FaultOutcome> {
  const fault = "a running demo's shell killed with SIGKILL from outside";
  const marker = markOwnDemoProcesses();
  const project = tempProject([]);
  fs.writeFileSync(path.join(project.slides, 'fault.md'), DECK);
  const server = await startServerProcess(project.slides, await freePort(), randomBytes(16).toString('hex'));
  const promises = new Promises();
  let notes = '';
  try {
    const connected = await tryConnect(server.url, { auth: { token: server.token } });
    if ('error' in connected) throw new Error(connected.error);
    const { socket } = connected;
    let status = '';
    socket.on('demo:state', (s) => (status = s.status));
    socket.on('demo:output', ({ deck, id, data }) => socket.emit('output:ack', { deck, id, bytes: data.length }));
    const request = (event: string) => emitAny(socket, event, DEMO, REPLY_MS) as Promise<Reply | 'no-reply'>;
    await request('demo:attach');
    await request('demo:step');
    const sleeping = request('demo:step');
    const end = Date.now() + REPLY_MS;
    let shell: number | undefined;
    while (Date.now() < end) {
      const own = ownDemoProcesses(marker);
      const sleeper = own.find((p) => p.command.startsWith('sleep 50'));
      shell = own.find((p) => parentOf(p.pid) === server.pid)?.pid;
      if (sleeper && shell !== undefined) break;
      await sleep(50);
    }
    if (!promises.check(shell !== undefined, 'the demo shell was never found')) return { fault, problems: promises.problems, notes };
    process.kill(shell!, 'SIGKILL');
    const killedAt = Date.now();
    const reply = await sleeping;
    promises.check(reply !== 'no-reply', 'the running step never replied after its shell was killed');
    // A shell reports a process killed by SIGKILL as 137; it once read as exit 0, a success.
    promises.check(reply !== 'no-reply' && reply.ok === true && reply.outcome?.exitCode === 137, `the killed step did not report exit 137: ${JSON.stringify(reply)}`);
    while (status !== 'finished' && Date.now() < end + REPLY_MS) await sleep(20);
    promises.check(status === 'finished', `the slide was not told the demo ended (status ${status || 'unchanged'})`);
    const ended = Date.now() - killedAt;
    const attached = (await request('demo:attach')) as Reply;
    const screen = attached.snapshot?.screen ?? '';
    promises.check(screen.includes('was killed'), "the slide's terminal does not say the shell was killed");
    promises.check(isRunning(server.pid), 'the server died with the shell');
    // Reset starts it fresh: step 1 runs again in a new shell.
    const reset = await request('demo:reset');
    promises.check(reset !== 'no-reply' && reset.ok, `reset after the kill failed: ${JSON.stringify(reset)}`);
    const again = await request('demo:step');
    promises.check(again !== 'no-reply' && again.ok && again.outcome?.output === 'one', `the first step after the reset did not run: ${JSON.stringify(again)}`);
    await request('demo:reset');
    socket.close();
    notes = `the slide showed it ended ${ended} ms after the kill; step reply ${reply === 'no-reply' ? 'none' : reply.ok ? `exit ${reply.outcome?.exitCode}` : reply.error?.code}; the terminal says ${screen.includes('was killed') ? '"the demo\'s shell was killed (exit 137)"' : 'nothing'}`;
  } finally {
    const exit = await server.stop();
    promises.check(exit === 0, `the server's Ctrl-C exit was ${exit}`);
    const left = await settle(() => ownDemoProcesses(marker));
    promises.check(left.length === 0, `demo processes left: ${left.map((p) => p.command).join(', ')}`);
    project.remove();
  }
  return { fault, problems: promises.problems, notes };
}
