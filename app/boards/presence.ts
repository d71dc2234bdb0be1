/**
 * Who someone is on a live board (presence list, carets): the same identity goes into the board page
 * and into the collab token, and the collab-server overwrites any other `user` a client announces.
 */
export interface BoardIdentity {
  id: string;
  name: string;
  colour: string;
}

/** Oneself on the board page: also the pseudonym one's anonymous cards carry (`anonymousAuthor`). */
export interface BoardMe extends BoardIdentity {
  anonymousAs: string;
}

/** A colour per person for carets and the presence list (dark enough for white text). */
export function colourFor(userId: string): string {
  const colours = ['#0b5cad', '#a4161a', '#1e6b34', '#6a3d9a', '#8a4b08', '#0f6b6b', '#9c2a6b'];
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return colours[hash % colours.length]!;
}

/** Who the signed-in person is on a board: the name they are shown by everywhere, and their colour. */
export function boardIdentity(user: { id: string; name: string }): BoardIdentity {
  return { id: user.id, name: user.name, colour: colourFor(user.id) };
}
