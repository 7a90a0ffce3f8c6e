import { describe, expect, it } from 'vitest';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { AsciicastReadResult, AsciicastRecording } from '../../protocol/asciicast/types.ts';
import { fixture } from './fixture.ts';

function recordingOf(result: AsciicastReadResult): AsciicastRecording {
  if (!result.ok) throw new Error(`expected a recording, got ${result.error.code}: ${result.error.message}`);
  return result.recording;
}

function times(recording: AsciicastRecording): number[] {
  return recording.events.map((e) => e.time);
}

describe('readAsciicast on files written by asciinema', () => {
  it('reads a v1 file as output events whose delays add up to absolute times', () => {
    const result = readAsciicast(fixture('v1-asciinema.json'));
    const recording = recordingOf(result);
    expect(result.ok && result.warnings).toEqual([]);
    expect(recording.version).toBe(1);
    expect([recording.cols, recording.rows]).toEqual([80, 24]);
    expect(recording.header).toMatchObject({ command: '/bin/zsh', title: '', duration: 1.515658 });
    expect(recording.header.env).toEqual({ TERM: 'xterm-256color', SHELL: '/bin/zsh' });
    expect(recording.header.raw).not.toHaveProperty('stdout');
    expect(recording.events.map((e) => e.kind)).toEqual(['o', 'o', 'o']);
    expect(times(recording)).toEqual([0.248848, 1.250224, 1.515658]);
    expect(recording.events[0]?.data).toBe('\u001b[1;31mHello \u001b[32mWorld!\u001b[0m\n');
  });

  it('reads a v2 file with absolute times, input, a marker and a resize', () => {
    const result = readAsciicast(fixture('v2-asciinema.cast'));
    const recording = recordingOf(result);
    expect(result.ok && result.warnings).toEqual([]);
    expect(recording.version).toBe(2);
    expect(recording.header).toMatchObject({ cols: 80, rows: 24, timestamp: 1504467315, idleTimeLimit: 2 });
    expect(recording.header.termType).toBe('xterm-256color');
    expect(recording.header.theme?.bg).toBe('#212121');
    expect(recording.events.map((e) => e.kind).join('')).toBe('oomiioro');
    expect(times(recording)).toEqual([0.248848, 1.001376, 1.5, 1.9, 1.95, 2.143733, 4.05, 6.541828]);
    expect(recording.events[6]).toEqual({ time: 4.05, kind: 'r', data: '100x30', cols: 100, rows: 30 });
  });

  it('reads a v3 file by summing intervals, with markers, a resize and the exit status', () => {
    const result = readAsciicast(fixture('v3-asciinema.cast'));
    const recording = recordingOf(result);
    expect(result.ok && result.warnings).toEqual([]);
    expect(recording.version).toBe(3);
    expect(recording.header).toMatchObject({ termType: 'xterm-256color', command: '/bin/bash', title: 'Demo' });
    expect(times(recording)).toEqual([0.248, 1.249, 4.749, 4.892, 6.942, 7.442, 8.983, 9.87]);
    expect(recording.events[5]).toEqual({ time: 7.442, kind: 'm', data: 'Configuration' });
    expect(recording.events.at(-1)).toEqual({ time: 9.87, kind: 'x', data: '0', status: 0 });
  });

  it('reads the specification example, skipping its comment and blank lines without a warning', () => {
    const result = readAsciicast(fixture('v3-spec-comments.cast'));
    expect(result.ok && result.warnings).toEqual([]);
    expect(recordingOf(result).events.map((e) => e.kind).join('')).toBe('oomorox');
  });
});

describe('readAsciicast on awkward but readable text', () => {
  it('keeps Korean text, emoji and escaped surrogate pairs exactly', () => {
    const recording = recordingOf(readAsciicast(fixture('v3-unicode.cast')));
    expect(recording.header.title).toBe('컨테이너 기초 🐳');
    expect(recording.events.map((e) => e.data)).toEqual([
      '안녕하세요, 컨테이너!\r\n',
      'whale: 🐳 raw, 🐳 escaped\r\n',
      'e\u0301 combined, 한 글 wide, \u001b]133;A\u0007 osc',
      '\u0003',
    ]);
    expect(recording.events[3]?.kind).toBe('i');
  });

  it('accepts CRLF line endings and a byte order mark', () => {
    const result = readAsciicast(fixture('v3-crlf-bom.cast'));
    const recording = recordingOf(result);
    expect(result.ok && result.warnings).toEqual([]);
    expect(recording.events.map((e) => [e.time, e.kind, e.data])).toEqual([
      [0.5, 'o', 'line one\r\n'],
      [0.75, 'm', 'step 1'],
      [1, 'o', 'line two\r\n'],
    ]);
  });

  it('drops a truncated last line with a warning and keeps the rest', () => {
    const result = readAsciicast(fixture('v3-truncated.cast'));
    expect(recordingOf(result).events.map((e) => e.kind)).toEqual(['o', 'm']);
    expect(result.ok && result.warnings).toEqual([expect.stringMatching(/^line 4: the last line is cut off/)]);
  });

  it('ignores unknown event codes but still counts their intervals', () => {
    const result = readAsciicast(fixture('v3-unknown.cast'));
    const recording = recordingOf(result);
    expect(recording.events.map((e) => [e.time, e.kind])).toEqual([[0.5, 'o'], [1.75, 'o'], [2.5, 'x']]);
    expect(recording.events.at(-1)).toMatchObject({ status: 3 });
    expect(result.ok && result.warnings).toEqual([expect.stringContaining('"z" ×1, "q" ×1')]);
  });

  it('ignores unknown header fields and keeps them in the raw header', () => {
    const recording = recordingOf(readAsciicast(fixture('v3-unknown.cast')));
    expect([recording.cols, recording.rows]).toEqual([100, 30]);
    expect(recording.header.tags).toEqual(['demo', 'containers']);
    expect(recording.header.raw.future_field).toEqual({ nested: [1, 2, 3] });
  });

  it('moves a v2 event written out of order to the time of the one before, with a warning', () => {
    const result = readAsciicast(fixture('v2-out-of-order.cast'));
    const recording = recordingOf(result);
    expect(times(recording)).toEqual([1, 2, 2, 3]);
    expect(recording.events[2]?.data).toBe('third, written too early\r\n');
    expect(result.ok && result.warnings).toEqual([expect.stringMatching(/^line 4: time 1.5 is earlier/)]);
  });

  it('skips lines that are not well-formed events, naming each line', () => {
    const result = readAsciicast(fixture('v2-bad-lines.cast'));
    expect(recordingOf(result).events.map((e) => e.data)).toEqual(['ok\r\n', 'still here\r\n']);
    const warned = result.ok ? result.warnings.map((w) => w.slice(0, w.indexOf(':'))) : [];
    expect(warned).toEqual(['line 3', 'line 4', 'line 5', 'line 6']);
  });

  it('reads a header without events as a recording without events, even pretty-printed', () => {
    const pretty = '{\n  "version": 3,\n  "term": {"cols": 80, "rows": 24}\n}\n';
    for (const text of ['{"version": 3, "term": {"cols": 80, "rows": 24}}', pretty]) {
      const result = readAsciicast(text);
      expect(recordingOf(result).events).toEqual([]);
      expect(result.ok && result.warnings).toEqual([]);
    }
  });

  it('skips comment lines before the header with a warning, since the header must come first', () => {
    const result = readAsciicast('# recorded by hand\n{"version":3,"term":{"cols":80,"rows":24}}\n[1, "o", "x"]\n');
    expect(recordingOf(result).events).toHaveLength(1);
    expect(result.ok && result.warnings).toEqual([expect.stringContaining('comment lines before the header')]);
  });

  it('types ptydeck\'s own header fields', () => {
    const recording = recordingOf(readAsciicast(fixture('v3-ptydeck.cast')));
    expect(recording.header.ptydeck).toEqual({
      deck: 'k8s-bootcamp-container-basics',
      demo: 'pid-ns',
      hash: '9f2c4e1a',
      version: '0.1.0',
      host: { kernel: '6.1.0-18-amd64', distro: 'Debian GNU/Linux 12 (bookworm)', docker: null },
    });
  });

  it('warns about a mistyped ptydeck header and still reads the events', () => {
    const text = '{"version":3,"term":{"cols":80,"rows":24},"ptydeck":{"deck":1}}\n[1, "o", "x"]\n';
    const result = readAsciicast(text);
    expect(recordingOf(result).header.ptydeck).toBeUndefined();
    expect(result.ok && result.warnings).toEqual([expect.stringContaining('"ptydeck"')]);
  });
});

describe('readAsciicast on text that is not a recording', () => {
  it('says an empty file is empty', () => {
    for (const text of [fixture('empty.cast'), '', '\n\n  \r\n', '\uFEFF']) {
      const result = readAsciicast(text);
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'empty', line: 1 }) });
      expect(!result.ok && result.error.message).toMatch(/^The recording is empty/);
    }
  });

  it('names the version it cannot read', () => {
    const result = readAsciicast('{"version": 4, "term": {"cols": 80, "rows": 24}}\n');
    expect(!result.ok && result.error).toMatchObject({ code: 'unsupported-version', line: 1 });
    expect(!result.ok && result.error.message).toContain('version 4');
  });

  it('rejects a header without the terminal size', () => {
    expect(readAsciicast('{"version": 3}\n')).toMatchObject({ ok: false, error: { code: 'bad-header' } });
    expect(readAsciicast('{"version": 2, "width": 0, "height": 24}\n')).toMatchObject({
      ok: false,
      error: { code: 'bad-header', message: expect.stringContaining('"width" and "height"') },
    });
  });

  it('rejects a first line that is not a JSON object header', () => {
    expect(readAsciicast('[0.5, "o", "events only"]\n')).toMatchObject({ ok: false, error: { code: 'not-asciicast' } });
    expect(readAsciicast('{"title": "no version"}\n')).toMatchObject({ ok: false, error: { code: 'not-asciicast' } });
    expect(readAsciicast('\n\nhello\n')).toMatchObject({ ok: false, error: { code: 'bad-header', line: 3 } });
  });

  it('points at the line where a broken v1 file stops being JSON', () => {
    const broken = fixture('v1-asciinema.json').replace('"height": 24,', '"height": 24');
    const result = readAsciicast(broken);
    expect(!result.ok && result.error).toMatchObject({ code: 'not-json', line: 5 });
  });
});
