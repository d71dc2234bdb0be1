import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  announceVoting,
  readCards,
  readFacilitation,
  sectionText,
  toggleRecognise,
  updateCard,
} from '~/boards/doc';
import { freshDatabase } from '../db/database';
import { client, createBoard, eventually, startCollab, synced, token, type Client, type Running } from './harness';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(database);
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

function paragraph(text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

const sameState = (a: Client, b: Client) =>
  Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc)));

describe('stock y-websocket providers on one board', () => {
  it('converge on concurrent edits to rich text and cards', async () => {
    const boardId = await createBoard(database);
    // Two who facilitate (voting signal, marks) and a member: each posts and recognises as themselves.
    const clients = [
      token(boardId, 'facilitate', 'u1', 600, { name: 'Amal' }),
      token(boardId, 'edit', 'u2'),
      token(boardId, 'facilitate', 'u3'),
    ].map((t) => client(running.url, boardId, { token: t }));
    await Promise.all(clients.map(synced));
    const [a, b, c] = clients as [Client, Client, Client];

    // Everyone edits at once, without waiting for the others.
    sectionText(a.doc, 'wishes').insert(0, [paragraph('Uitleg in eigen taal')]);
    sectionText(b.doc, 'wishes').insert(0, [paragraph('Een vaste contactpersoon')]);
    addCard(a.doc, {
      id: 'c1',
      section: 'wishes',
      text: 'Tolk bij het eerste gesprek',
      colour: 'yellow',
      authorId: 'u1',
      authorName: 'Amal',
    });
    addCard(c.doc, {
      id: 'c2',
      section: 'wishes',
      text: 'Brief in B1',
      colour: 'blue',
      authorId: 'u3',
      authorName: null,
    });
    announceVoting(c.doc, { number: 1, open: true, revealed: false });

    await eventually(() => clients.every((x) => readCards(x.doc).length === 2));
    toggleRecognise(b.doc, 'c1', 'u2');
    toggleRecognise(c.doc, 'c1', 'u3');
    updateCard(a.doc, 'c2', { mark: 'insight' });
    const signalId = crypto.randomUUID();
    updateCard(b.doc, 'c2', { signalId });

    await eventually(
      () => sameState(a, b) && sameState(b, c) && readCards(a.doc).find((card) => card.id === 'c2')?.signalId !== null,
    );
    const texts = clients.map((x) => sectionText(x.doc, 'wishes').toString());
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('Uitleg in eigen taal');
    expect(texts[0]).toContain('Een vaste contactpersoon');
    for (const x of clients) {
      expect(
        readCards(x.doc)
          .find((card) => card.id === 'c1')
          ?.recognisedBy.sort(),
      ).toEqual(['u2', 'u3']);
      expect(readCards(x.doc).find((card) => card.id === 'c2')).toMatchObject({
        mark: 'insight',
        signalId,
      });
      expect(readFacilitation(x.doc)).toMatchObject({ votingRound: 1, votingOpen: true, votesRevealed: false });
    }
    clients.forEach((x) => x.destroy());
  });

  it('keeps the board after everyone left: a later visitor loads it from the database', async () => {
    const boardId = await createBoard(database);
    const first = client(running.url, boardId, { token: token(boardId, 'edit', 'u', 600, { name: 'Tesfay' }) });
    await synced(first);
    sectionText(first.doc, 'ideas').insert(0, [paragraph('Wachtkamer met kinderhoek')]);
    addCard(first.doc, {
      id: 'k',
      section: 'ideas',
      text: 'Buddy',
      colour: 'green',
      authorId: 'u',
      authorName: 'Tesfay',
    });
    await eventually(
      () => running.collab.stats().persistence.pendingUpdates === 0 && running.collab.stats().persistence.flushes > 0,
    );
    first.destroy();
    await eventually(() => running.collab.stats().documents === 0);

    const later = client(running.url, boardId, { token: token(boardId) });
    await synced(later);
    expect(sectionText(later.doc, 'ideas').toString()).toContain('Wachtkamer met kinderhoek');
    expect(readCards(later.doc).map((card) => card.text)).toEqual(['Buddy']);
    later.destroy();
  });

  it('shares presence: each client sees the others in awareness', async () => {
    const boardId = await createBoard(database);
    const a = client(running.url, boardId, { token: token(boardId) });
    const b = client(running.url, boardId, { token: token(boardId) });
    a.provider.awareness.setLocalStateField('user', { name: 'Amal' });
    b.provider.awareness.setLocalStateField('user', { name: 'Reza' });
    const names = (x: Client) => [...x.provider.awareness.getStates().values()].map((s) => s.user?.name).sort();
    await eventually(() => names(a).join() === 'Amal,Reza' && names(b).join() === 'Amal,Reza');
    b.destroy();
    await eventually(() => names(a).join() === 'Amal');
    a.destroy();
  });
});
