// Checks a demo's `requires` list for real on this machine, once per process, with a refresh.

import { homedir } from 'node:os';
import { KNOWN_REQUIREMENTS, type KnownRequirement } from '../../protocol/demo-manifest.ts';
import { COMMAND_NAME_PATTERN } from './find-command.ts';
import { probeCommand, REQUIREMENT_PROBES, type ProbeContext, type ProbeResult } from './requirement-probes.ts';
import { demoPath } from './shell-env.ts';

/** One requirement's verdict: `detail` says what was found, or what to do about it. */
export interface RequirementResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The environment probes run with: the demo shell's PATH, plus where docker listens. */
export function probeEnvironment(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: demoPath(parent.PATH), HOME: homedir(), LANG: 'C.UTF-8' };
  if (parent.DOCKER_HOST) env.DOCKER_HOST = parent.DOCKER_HOST;
  return env;
}

function isKnown(name: string): name is KnownRequirement {
  return (KNOWN_REQUIREMENTS as readonly string[]).includes(name);
}

async function probe(name: string, ctx: ProbeContext): Promise<ProbeResult> {
  if (isKnown(name)) {
    try {
      return await REQUIREMENT_PROBES[name](ctx);
    } catch (error) {
      return { ok: false, detail: `could not check ${name}: ${(error as Error).message}` };
    }
  }
  if (name.startsWith('cmd:')) {
    const command = name.slice('cmd:'.length);
    if (!COMMAND_NAME_PATTERN.test(command)) {
      return { ok: false, detail: `"${name}": cmd: takes a command name (letters, digits, . _ + -)` };
    }
    return probeCommand(command, ctx);
  }
  return {
    ok: false,
    detail: `unknown requirement "${name}": use one of ${KNOWN_REQUIREMENTS.join(', ')}, or cmd:NAME`,
  };
}

/**
 * Checks requirements and remembers each verdict for the life of the process (a machine does
 * not grow root or a docker engine mid-talk); refresh() forgets them, e.g. after the presenter
 * started dockerd.
 */
export class RequirementChecker {
  private readonly cache = new Map<string, Promise<RequirementResult>>();

  constructor(private readonly env: NodeJS.ProcessEnv = probeEnvironment()) {}

  /** Checks every name (in parallel, cached), in the order given. */
  check(names: readonly string[]): Promise<RequirementResult[]> {
    return Promise.all(names.map((name) => this.checkOne(name)));
  }

  /** Forgets every cached verdict, so the next check looks again. */
  refresh(): void {
    this.cache.clear();
  }

  private checkOne(name: string): Promise<RequirementResult> {
    let result = this.cache.get(name);
    if (!result) {
      result = probe(name, { env: this.env }).then((r) => ({ name, ...r }));
      this.cache.set(name, result);
    }
    return result;
  }
}

/** The checker shared by every session of this process. */
export const requirementChecker = new RequirementChecker();

/** A message for the terminal and the error payload: which requirements fail, and why. */
export function describeMissing(results: readonly RequirementResult[]): string {
  const missing = results.filter((r) => !r.ok);
  if (missing.length === 0) return 'all requirements are met';
  return ['this demo cannot run live here:', ...missing.map((r) => `  - ${r.name}: ${r.detail}`)].join('\n');
}
