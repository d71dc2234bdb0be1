import { describe, expect, it } from 'vitest';
import { oneRoundAtATime } from '~/jobs/runner.server';

/** A round that waits until the test lets it finish, counting how many began. */
function heldRounds() {
  const releases: (() => void)[] = [];
  const rounds = oneRoundAtATime(() => new Promise<void>((resolve) => releases.push(resolve)));
  return { rounds, began: () => releases.length, finish: (n: number) => releases[n]!() };
}

describe('the job runner’s rounds', () => {
  it('a wake during a round runs one more round right after it, not at the next poll', async () => {
    const { rounds, began, finish } = heldRounds();
    rounds.tick();
    expect(began()).toBe(1);
    // Three wakes while the first round works: none starts a second round beside it …
    rounds.tick();
    rounds.tick();
    rounds.tick();
    expect(began()).toBe(1);
    finish(0);
    await rounds.settled();
    // … and one round follows it, for all three.
    expect(began()).toBe(2);
    finish(1);
    await rounds.settled();
    expect(began()).toBe(2);
  });

  it('a wake when no round is under way starts one at once', async () => {
    const { rounds, began, finish } = heldRounds();
    rounds.tick();
    finish(0);
    await rounds.settled();
    rounds.tick();
    expect(began()).toBe(2);
    finish(1);
    await rounds.settled();
    expect(began()).toBe(2);
  });
});
