/** What the collab-server tells its operator: an event name and its fields. */
export type Log = (event: string, fields?: Record<string, unknown>) => void;

/** One JSON line per event on standard output. */
export const consoleLog: Log = (event, fields) => console.log(JSON.stringify({ at: 'collab', event, ...fields }));
