/**
 * Sentence length of the Dutch texts a member reads (issue 19: members are newcomers reading Dutch at
 * B1, so a sentence carries one idea in about 15 words). Which keys a member meets is listed below by key
 * prefix; admin, coordinator and municipality screens are left out. tests/unit/b1-texts.test.ts fails on a
 * member sentence over MAX_WORDS; run this file to print the figures, optionally against an older copy
 * of the Dutch folder to count what changed:
 *
 *   npx tsx tests/b1-texts.ts [path/to/older/app/i18n/nl]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hard ceiling the test holds; the aim for writers is about 15 (app/i18n/README.md). */
export const MAX_WORDS = 20;

/**
 * Keys a member can see. A prefix ending in '.' takes the whole subtree; otherwise it is one key
 * (plural suffixes _one/_other are matched too). EXCLUDE wins over MEMBER.
 */
const MEMBER = [
  'app.',
  'nav.',
  'home.',
  'login.',
  'forgot.',
  'reset.',
  'invite.title',
  'invite.intro',
  'invite.introNoPool',
  'invite.email',
  'invite.displayName',
  'invite.displayNameHint',
  'invite.password',
  'invite.passwordExisting',
  'invite.passwordHint',
  'invite.submit',
  'invite.accepted',
  'invite.mailSubject',
  'invite.mailBody',
  'dashboard.',
  'pool.',
  'roles.',
  'poolStatus.',
  'flash.',
  'errors.',
  'wait.',
  'needs.title',
  'needs.pageTitle',
  'needs.today',
  'needs.toAnswer',
  'needs.openBoard',
  'needs.joinMeeting',
  'needs.answerBefore',
  'needs.sessions',
  'needs.more',
  'needs.noneMember',
  'needs.goSessions',
  'needs.goAdvice',
  'glossary.',
  'sessions.nav',
  'sessions.title',
  'sessions.timesIn',
  'sessions.calendarLink',
  'sessions.upcoming',
  'sessions.past',
  'sessions.none',
  'sessions.online',
  'sessions.cancelled',
  'sessions.full',
  'sessions.clash',
  'sessions.titleOnly',
  'sessions.myAnswer',
  'sessions.answers.',
  'sessions.show.',
  'sessions.rsvp.',
  'sessions.calendar.',
  'sessions.feed.',
  'sessions.answerLink.',
  'sessionErrors.rsvp_closed',
  'sessionErrors.session_cancelled',
  'sessionErrors.not_invited',
  'sessionErrors.session_not_found',
  'notifications.',
  'people.nav.profile',
  'people.profile.',
  'people.levels.',
  'people.dayParts.',
  'people.contact.',
  'people.routes.',
  'people.photo.',
  'people.consent.',
  'people.data.',
  'people.devices.',
  'people.peers.',
  'people.join.',
  'people.errors.municipality',
  'people.errors.year',
  'people.errors.theme',
  'people.errors.availability',
  'people.errors.phone',
  'people.errors.consentForm',
  'people.errors.confirmDelete',
  'people.flash.profileSaved',
  'people.flash.photoSaved',
  'people.flash.photoRemoved',
  'people.flash.consent.',
  'people.formerMember',
  'pools.sessions.title',
  'pools.sessions.none',
  'pools.sessions.all',
  'pools.emptyPool.member',
  'questionnaires.nav',
  'questionnaires.title',
  'questionnaires.intro',
  'questionnaires.none',
  'questionnaires.errors.chooseAnswer',
  'questionnaires.errors.writeAnswer',
  'questionnaires.errors.closed',
  'respond.',
  'respondentGroups.asked',
  'boards.listTitle',
  'boards.listLead',
  'boards.none',
  'boards.open',
  'boards.poolLink',
  'boards.backToPool',
  'boards.sharedBadge',
  'boards.createdOn',
  'boards.ofSession',
  'boards.connectionOnline',
  'boards.connectionConnecting',
  'boards.connectionOffline',
  'boards.connectionRefused',
  'boards.pendingChanges',
  'boards.changeRefused',
  'boards.presence',
  'boards.you',
  'boards.readOnlyNotice',
  'boards.loading',
  'boards.sectionsNav',
  'boards.boardArea',
  'boards.overview',
  'boards.overviewOn',
  'boards.overviewOff',
  'boards.peopleHere',
  'boards.textLabel',
  'boards.toolbar',
  'boards.bold',
  'boards.italic',
  'boards.bulletList',
  'boards.cardsOf',
  'boards.newCard',
  'boards.colour',
  'boards.anonymous',
  'boards.addCard',
  'boards.byAuthor',
  'boards.recognise',
  'boards.recognisedCount',
  'boards.moveTo',
  'boards.move',
  'boards.deleteCard',
  'boards.cardActions',
  'boards.cardMenu',
  'boards.editCard',
  'boards.cardText',
  'boards.saveCard',
  'boards.cardMoved',
  'boards.cardDeleted',
  'boards.vote',
  'boards.unvote',
  'boards.myDots',
  'boards.votes',
  'boards.dotsLeft',
  'boards.votesHidden',
  'boards.votingOpen',
  'boards.votingRevealed',
  'boards.ranking',
  'boards.insight',
  'boards.goldenTip',
  'boards.locked',
  'boards.spotlightBanner',
  'boards.timeLeft',
  'boards.timeUp',
  'boards.turnout',
  'boards.refreshTurnout',
  'boards.cancel',
  'boards.errors.invalidCard',
  'boards.errors.votingClosed',
  'boards.errors.budgetSpent',
  'boards.errors.nothingToTakeBack',
  'mail.notification.greeting',
  'mail.notification.session_invited.',
  'mail.notification.session_changed.',
  'mail.notification.waitlist_promoted.',
  'mail.notification.advice_published.',
  'mail.notification.advice_commented.',
  'mail.notification.advice_responded.',
  'mail.notification.advice_implemented.',
  'mail.notification.board_opened.',
  'mail.notification.unsubscribe',
  'mail.notification.answerPrompt',
  'mail.digest.',
  'mail.session.',
];
const EXCLUDE = ['nav.outbox', 'dashboard.adminNote', 'errors.onlyCoordinators'];

function matches(key: string, prefix: string): boolean {
  if (prefix.endsWith('.')) return key.startsWith(prefix);
  return key === prefix || new RegExp(`^${prefix.replace(/\./g, '\\.')}_(zero|one|two|few|many|other)$`).test(key);
}

export function isMemberFacing(key: string): boolean {
  return MEMBER.some((p) => matches(key, p)) && !EXCLUDE.some((p) => matches(key, p));
}

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const DUTCH_DIR = join(HERE, '..', 'app', 'i18n', 'nl');

/** Every member-facing Dutch text, by full key, from the JSON files of `dir` (mail.json included). */
export function memberTexts(dir = DUTCH_DIR): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')))
    flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')), '', all);
  return new Map([...all].filter(([key]) => isMemberFacing(key)));
}

/**
 * Sentences end at . ! ? or a line break; a colon or semicolon does not end one, so a sentence glued
 * together with them counts as long as it reads. An {{interpolation}} counts as one word.
 */
export function sentences(text: string): string[] {
  return text
    .replace(/\{\{[^}]*\}\}/g, 'X')
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

export function wordCount(sentence: string): number {
  return sentence.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

export interface Figures {
  texts: number;
  sentences: number;
  mean: number;
  /** Mean over sentences of five words or more: labels and buttons pull the plain mean down. */
  proseMean: number;
  max: number;
  over15: number;
  over20: number;
  longest: { key: string; words: number; sentence: string }[];
}

export function measure(texts: Map<string, string>): Figures {
  const all: { key: string; words: number; sentence: string }[] = [];
  for (const [key, text] of texts)
    for (const sentence of sentences(text)) all.push({ key, words: wordCount(sentence), sentence });
  const total = all.reduce((sum, s) => sum + s.words, 0);
  const prose = all.filter((s) => s.words >= 5);
  return {
    texts: texts.size,
    sentences: all.length,
    mean: all.length ? total / all.length : 0,
    proseMean: prose.length ? prose.reduce((sum, s) => sum + s.words, 0) / prose.length : 0,
    max: Math.max(0, ...all.map((s) => s.words)),
    over15: all.filter((s) => s.words > 15).length,
    over20: all.filter((s) => s.words > 20).length,
    longest: [...all].sort((a, b) => b.words - a.words).slice(0, 10),
  };
}

function print(label: string, f: Figures): void {
  console.log(
    `${label}: ${f.texts} texts, ${f.sentences} sentences, mean ${f.mean.toFixed(1)} words (${f.proseMean.toFixed(1)} over sentences of 5+ words), max ${f.max}, over 15: ${f.over15}, over 20: ${f.over20}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const now = memberTexts();
  const beforeDir = process.argv[2];
  if (beforeDir) {
    const before = memberTexts(beforeDir);
    print('before', measure(before));
    const changed = [...now].filter(([key, text]) => before.has(key) && before.get(key) !== text).length;
    console.log(`changed: ${changed} of ${now.size} member-facing texts`);
  }
  const after = measure(now);
  print(beforeDir ? 'after ' : 'now', after);
  console.log('longest sentences now:');
  for (const s of after.longest) console.log(`  ${String(s.words).padStart(3)}  ${s.key}: ${s.sentence}`);
}
