// A demo a socket attached is acted on as attached, even after its deck is edited: the view shows
// that session. The page re-attaches when its slides are replaced (theme/deck-updates.ts), and
// that attach brings the edited demo, as a new session.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DemoRef } from '../../protocol/socket-events.ts';
import { tempProject, type TempProject } from './fixture-helpers.ts';
import { connect, ok, request, startLiveServer, type ClientSocket } from './live-harness.ts';
import { outputText } from './screen-helpers.ts';

const deck = (tag: string) => `---
title: Edited
---
# A demo that gets edited

\`\`\`demo id=edited timeout=5 cols=80 rows=18
$ echo first-${tag}
first-${tag}
$ echo second-${tag}
second-${tag}
\`\`\`
`;

describe('a demo whose deck is edited while a view is attached', () => {
  let project: TempProject;
  let file: string;
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  let presenter: ClientSocket;
  let shown: string;
  const ref: DemoRef = { deck: 'edited', id: 'edited' };

  beforeEach(async () => {
    project = tempProject([], { 'edited.md': deck('a') });
    file = path.join(project.slides, 'edited.md');
    server = await startLiveServer(project.slides);
    presenter = await connect(server.url, { token: server.live.token });
    shown = '';
    presenter.on('demo:output', ({ deck, id, data }) => {
      shown += outputText(data);
      presenter.emit('output:ack', { deck, id, bytes: data.length });
    });
  });
  afterEach(async () => {
    presenter?.close();
    await server?.close();
    project?.remove();
  });

  it('steps the attached session, whose output the view gets, until the view attaches again', async () => {
    ok(await request(presenter, 'demo:attach', ref));
    expect(ok(await request(presenter, 'demo:step', ref)).outcome.output).toBe('first-a');

    fs.writeFileSync(file, deck('b'));
    const later = new Date(Date.now() + 10_000);
    fs.utimesSync(file, later, later); // a new time even where the clock's resolution is coarse

    // Not attached again: the step the view is showing comes next, and reaches the view.
    shown = '';
    expect(ok(await request(presenter, 'demo:step', ref)).outcome.output).toBe('second-a');
    expect(shown).toContain('second-a');

    // Attached again, as the page does with its new slides: the edited demo, from its first step.
    const { snapshot } = ok(await request(presenter, 'demo:attach', ref));
    expect(snapshot).toMatchObject({ nextStep: 0, steps: 2 });
    shown = '';
    expect(ok(await request(presenter, 'demo:step', ref)).outcome.output).toBe('first-b');
    expect(shown).toContain('first-b');
  });
});
