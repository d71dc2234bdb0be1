/** What the current user may do on a board (RLS decides; this names it for the page). */
export type BoardAccess = 'facilitate' | 'edit' | 'read';

/** The name for what `private.can_facilitate_board` and `private.can_edit_board` said of a visible board. */
export function boardAccess(can: { can_facilitate: boolean; can_edit: boolean }): BoardAccess {
  return can.can_facilitate ? 'facilitate' : can.can_edit ? 'edit' : 'read';
}
