/** What the current user may do on a board (RLS decides; this names it for the page). */
export type BoardAccess = 'facilitate' | 'edit' | 'read';
