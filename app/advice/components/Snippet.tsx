import { MARK_END, MARK_START } from '../markers';

/** A search snippet: the words the database highlighted become <mark>; everything else stays text. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(MARK_START);
  return (
    <p className="advice-snippet" dir="auto">
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part}</span>;
        const [marked = '', rest = ''] = part.split(MARK_END);
        return (
          <span key={i}>
            <mark>{marked}</mark>
            {rest}
          </span>
        );
      })}
    </p>
  );
}
