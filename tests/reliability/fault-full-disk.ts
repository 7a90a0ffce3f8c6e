// Fault: the disk fills up while `ptydeck dev --record` saves a rehearsal. Promised: the demo
// and the talk go on, the old recording stays whole (never a truncated one), and no temporary
// file is left. (tests/record/full-disk.test.ts covers `ptydeck record` the same way.) The
// disk is a tmpfs a little larger than the old recording, mounted over the recordings folder and unmounted after.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { emitAny, tryConnect } from '../live/client-helpers.ts';
import { tempProject } from '../live/fixture-helpers.ts';
import { Promises, type FaultOutcome } from './fault-outcome.ts';
import { freePort, startServerProcess } from './server-process.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/ptydeck.mjs');
const DECK = `# Full disk

\`\`\`demo id=disk timeout=20 cols=80 rows=18
$ seq 1 2000
$ echo done
done
\`\`\`
`;
const DEMO = { deck: 'fault', id: 'disk' } as const;
/** Room on the tmpfs beyond the old recording (bytes): the filler takes it, so not one byte more fits. */
const TMPFS_SLACK = 16 * 1024;
/** How long the server may take to try saving once the last step ran (ms). */
const SAVE_WAIT_MS = 30_000;

function mounted(dir: string): boolean {
  return fs.readFileSync('/proc/mounts', 'utf8').split('\n').some((line) => line.split(' ')[1] === dir);
}

/** Writes `file` until the file system refuses: afterwards not one more byte fits. */
function fill(file: string): void {
  const page = Buffer.alloc(4096, 0x2e);
  for (const chunk of [page, Buffer.from('.')]) {
    try {
      for (;;) fs.appendFileSync(file, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
  }
}

export async function fillDiskWhileRecording(): Promise<FaultOutcome> {
  const fault = 'the disk full while `ptydeck dev --record` saves a rehearsal over an old recording';
  const project = tempProject([]);
  fs.writeFileSync(path.join(project.slides, 'fault.md'), DECK);
  const promises = new Promises();
  let notes = '';
  await promisify(execFile)(process.execPath, [BIN, 'record', project.slides], { cwd: project.root, timeout: 120_000 });
  const file = path.join(project.root, 'demos/recordings/fault/disk.cast');
  const old = fs.readFileSync(file);
  const disk = path.dirname(file);
  fs.rmSync(file);
  await promisify(execFile)('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil((old.length + TMPFS_SLACK) / 4096) * 4}k,mode=0755`, 'ptydeck-fault-full', disk]);
  try {
    fs.writeFileSync(file, old);
    fill(path.join(disk, 'filler'));
    const server = await startServerProcess(project.slides, await freePort(), randomBytes(16).toString('hex'), {}, ['--record']);
    try {
      const connected = await tryConnect(server.url, { auth: { token: server.token } });
      if ('error' in connected) throw new Error(connected.error);
      const { socket } = connected;
      socket.on('demo:output', ({ deck, id, data }) => socket.emit('output:ack', { deck, id, bytes: data.length }));
      await emitAny(socket, 'demo:attach', DEMO);
      const steps = [await emitAny(socket, 'demo:step', DEMO, SAVE_WAIT_MS), await emitAny(socket, 'demo:step', DEMO, SAVE_WAIT_MS)] as { ok?: boolean }[];
      promises.check(steps.every((s) => s.ok === true), `the demo did not go on: ${JSON.stringify(steps)}`);
      const end = Date.now() + SAVE_WAIT_MS;
      // It once said so only with PTYDECK_DEBUG set: a rehearsal lost without a word.
      while (!/warning: could not save/.test(server.stderr()) && Date.now() < end) await sleep(100);
      const said = /ptydeck: warning: (could not save[^\n]*)/.exec(server.stderr())?.[1] ?? '';
      promises.check(said !== '', 'the presenter was not told the rehearsal could not be saved');
      socket.close();
      notes = `the server said "${said.slice(0, 90)}"`;
    } finally {
      await server.stop();
    }
    promises.check(fs.readFileSync(file).equals(old), 'the old recording changed');
    const read = readAsciicast(fs.readFileSync(file, 'utf8'));
    promises.check(read.ok, 'the old recording no longer reads');
    const beside = fs.readdirSync(disk).sort();
    promises.check(beside.join(',') === 'disk.cast,filler', `files beside it: ${beside.join(', ')}`);
  } finally {
    await promisify(execFile)('umount', [disk]).catch(() => undefined);
    promises.check(!mounted(disk), `the tmpfs at ${disk} is still mounted`);
    project.remove();
  }
  return { fault, problems: promises.problems, notes };
}
