// When the views hear that a step runs: after its first output (the echo of its command), so the
// state message never takes the cores while the kernel echoes; and, for a step that shows nothing,
// all the same while it runs (live-demo.ts, STATE_AFTER_OUTPUT_MS and STATE_WITHOUT_OUTPUT_MS).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DemoRef } from '../../protocol/socket-events.ts';
import { tempProject, type TempProject } from './fixture-helpers.ts';
import { ackOutput, connect, ok, request, startLiveServer, type ClientSocket } from './live-harness.ts';

// Step 3 turns off everything a step shows while it runs: readline's echo (no line editing, then
// the tty's echo off) and the C mark (PS0, which PROMPT_COMMAND arms again at every prompt).
// Step 4 then shows nothing for a second.
const DECK = `---
title: Step state
---
# Steps and their state

\`\`\`demo id=state timeout=10 cols=80 rows=18
$ echo one
one
$ echo two
two
$ set +o emacs +o vi; stty -echo; PROMPT_COMMAND=; PS0=
$ sleep 1
\`\`\`
`;

/** What one socket received, in order: outputs, and the states' statuses and next steps. */
type Heard = Array<{ kind: 'output' } | { kind: 'state'; status: string; nextStep: number }>;

function listen(socket: ClientSocket): Heard {
  const heard: Heard = [];
  socket.on('demo:output', () => heard.push({ kind: 'output' }));
  socket.on('demo:state', ({ status, nextStep }) => heard.push({ kind: 'state', status, nextStep }));
  ackOutput(socket);
  return heard;
}

const isRunning = (event: Heard[number]) => event.kind === 'state' && event.status === 'running';

describe("a step's running state", () => {
  let project: TempProject;
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  let presenter: ClientSocket;
  let viewer: ClientSocket;
  const ref: DemoRef = { deck: 'state', id: 'state' };

  beforeEach(async () => {
    project = tempProject([], { 'state.md': DECK });
    server = await startLiveServer(project.slides);
    presenter = await connect(server.url, { token: server.live.token });
    viewer = await connect(server.url);
  });
  afterEach(async () => {
    presenter?.close();
    viewer?.close();
    await server?.close();
    project?.remove();
  });

  it('reaches every view after the step’s first output', async () => {
    const heard = [listen(presenter), listen(viewer)];
    ok(await request(presenter, 'demo:attach', ref));
    ok(await request(viewer, 'demo:attach', ref));
    ok(await request(presenter, 'demo:step', ref)); // also starts the shell
    expect(ok(await request(presenter, 'demo:step', ref)).outcome.output).toBe('two');
    // Each socket's messages come in their own time: wait for the viewer's last state too.
    const readyAfter = (steps: number) => (event: Heard[number]) => event.kind === 'state' && event.status === 'ready' && event.nextStep === steps;
    await expect.poll(() => heard[1]!.some(readyAfter(2))).toBe(true);
    for (const events of heard) {
      // The second step's events: from the state that ended the first.
      const firstEnded = events.findIndex(readyAfter(1));
      expect(firstEnded).toBeGreaterThanOrEqual(0);
      const second = events.slice(firstEnded + 1);
      const running = second.findIndex(isRunning);
      const output = second.findIndex((event) => event.kind === 'output');
      expect(output).toBeGreaterThanOrEqual(0);
      expect(running).toBeGreaterThan(output);
    }
  });

  it('reaches the views while a step that shows nothing runs', async () => {
    ok(await request(presenter, 'demo:attach', ref));
    ok(await request(presenter, 'demo:step', ref));
    ok(await request(presenter, 'demo:step', ref));
    ok(await request(presenter, 'demo:step', ref)); // echo, line editing and the C mark off
    const heard = listen(presenter);
    expect(ok(await request(presenter, 'demo:step', ref)).outcome).toMatchObject({ exitCode: 0, timedOut: false }); // sleep 1
    // Nothing came out until the prompt after it: the state came before, on its own (else it
    // would have come with the step's end, after that prompt).
    const running = heard.findIndex(isRunning);
    expect(running).toBeGreaterThanOrEqual(0);
    expect(running).toBeLessThan(heard.findIndex((event) => event.kind === 'output'));
  });
});
