// Faults injected into a running talk, each for real: the demo's shell killed from outside, the
// server killed and restarted under a page in Chromium, the docker daemon stopped mid-demo, a
// full disk while recording, a recording corrupted on disk. Each must leave the talk going.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../browser/chromium.ts';
import { skipReason } from '../skip-reason.ts';
import { killServerUnderPage } from './fault-server-killed.ts';
import { dockerdMissing } from './fault-dockerd.ts';
import { stopDockerMidDemo } from './fault-docker-stopped.ts';
import { fillDiskWhileRecording } from './fault-full-disk.ts';
import { corruptRecordings, CORRUPTION_COUNT } from './fault-corrupt-recording.ts';
import { killDemoShell } from './fault-shell-killed.ts';

const notRoot = process.getuid?.() === 0 ? null : 'killing demo shells by their session tag reads every process environment: needs root';

describe.skipIf(skipReason(notRoot) !== null)('faults in a running talk', () => {
  it('keeps the old recording whole when the disk fills while a rehearsal is saved, and the demo goes on', async () => {
    const outcome = await fillDiskWhileRecording();
    console.log(`${outcome.fault}: ${outcome.notes}`);
    expect(outcome.problems).toEqual([]);
  }, 300_000);

  it("survives the demo's shell killed with SIGKILL: the slide says it ended, reset starts fresh, the server lives", async () => {
    const outcome = await killDemoShell();
    console.log(`${outcome.fault}: ${outcome.notes}`);
    expect(outcome.problems).toEqual([]);
  }, 180_000);
});

describe('a recording corrupted on disk', () => {
  it('is named in a diagnostic and doctor, and the transcript shows instead; never a replay cut short', async () => {
    const outcome = await corruptRecordings(0xc0de, 3);
    console.log(`${outcome.fault}: ${outcome.tried} tried; ${outcome.notes}`);
    expect(outcome.tried).toBe(3 * CORRUPTION_COUNT);
    expect(outcome.problems).toEqual([]);
  });
});

describe.skipIf(skipReason(chromiumMissing()) !== null)('the server killed under a page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('falls back to the recording, reconnects, and goes live again when the server is back', async () => {
    const outcome = await killServerUnderPage(browser);
    console.log(`${outcome.fault}: ${outcome.notes}`);
    expect(outcome.problems).toEqual([]);
  }, 400_000);
});

describe.skipIf(skipReason(dockerdMissing()) !== null)('the docker daemon stopped mid-demo', () => {
  it("ends the running step, shows docker's message at the next, and keeps the server and reset working", async () => {
    const outcome = await stopDockerMidDemo();
    console.log(`${outcome.fault}: ${outcome.notes}`);
    expect(outcome.problems).toEqual([]);
  }, 300_000);
});
