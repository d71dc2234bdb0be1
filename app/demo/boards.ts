import * as Y from 'yjs';
import { addCard, sectionText, toggleRecognise } from '~/boards/doc';
import { createBoard } from '~/boards/queries.server';
import { anonymousAuthorOn } from '~/boards/token.server';
import type { Tx } from '~/db/with-user.server';

const COORDINATOR = 'coordinator@demo.expertpool.nl';
const MEMBER = 'lid@demo.expertpool.nl';

/**
 * Two boards for the Alkmaar pool: a Brede Intake design in progress (text, cards, a recognised card)
 * and a golden-tips wall shared read-only with the municipality. Invented content.
 */
export async function seedBoards(tx: Tx): Promise<void> {
  const existing = await tx.selectFrom('boards').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const people = await tx
    .selectFrom('auth.users')
    .innerJoin('profiles', 'profiles.id', 'auth.users.id')
    .select(['auth.users.id', 'auth.users.email', 'profiles.display_name'])
    .where('auth.users.email', 'in', [COORDINATOR, MEMBER])
    .execute();
  const coordinator = people.find((p) => p.email === COORDINATOR);
  const member = people.find((p) => p.email === MEMBER);
  const pool = await tx
    .selectFrom('pools')
    .select('id')
    .where('name', '=', 'Expertpool Regio Alkmaar')
    .executeTakeFirst();
  if (!coordinator || !member || !pool) return;

  const intakeId = await createBoard(tx, {
    poolId: pool.id,
    title: 'Brede Intake: zo voelt het eerste gesprek',
    template: 'brede_intake',
    copyFrom: null,
    sessionId: null,
    createdBy: coordinator.id,
    authorName: coordinator.display_name,
  });
  await appendToBoard(tx, intakeId, (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [
      new Y.XmlText(
        'Veel mensen kregen de eerste brief in het Nederlands en begrepen niet dat het gesprek verplicht was.',
      ),
    ]);
    sectionText(doc, 'first_contact').insert(0, [paragraph]);
    addCard(doc, {
      id: 'seed-letter',
      section: 'first_contact',
      text: 'Een korte uitnodiging met een plaatje van het gebouw en de route',
      colour: 'blue',
      authorId: member.id,
      authorName: member.display_name,
    });
    toggleRecognise(doc, 'seed-letter', coordinator.id);
  });

  const tipsId = await createBoard(tx, {
    poolId: pool.id,
    title: 'Gouden tips voor de gemeente',
    template: 'golden_tips',
    copyFrom: null,
    sessionId: null,
    createdBy: coordinator.id,
    authorName: coordinator.display_name,
  });
  await appendToBoard(tx, tipsId, (doc) => {
    addCard(doc, {
      id: 'seed-tip',
      section: 'tips',
      text: 'Vraag in het eerste gesprek welke taal iemand het best begrijpt',
      colour: 'yellow',
      authorId: anonymousAuthorOn(tipsId, member.id),
      authorName: null,
    });
  });
  await tx.updateTable('boards').set({ shared_with_readers: true }).where('id', '=', tipsId).execute();
}

/** Demo edits go into the update log, as if someone had made them on the live board. */
async function appendToBoard(tx: Tx, boardId: string, edit: (doc: Y.Doc) => void) {
  const stored = await tx
    .selectFrom('board_documents')
    .select('state')
    .where('board_id', '=', boardId)
    .executeTakeFirstOrThrow();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(stored.state));
  const before = Y.encodeStateVector(doc);
  edit(doc);
  await tx
    .insertInto('board_updates')
    .values({ board_id: boardId, update: Y.encodeStateAsUpdate(doc, before) })
    .execute();
  doc.destroy();
}
