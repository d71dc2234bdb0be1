/** A one-time confirmation after a form was sent, read out by screen readers (the root loader wrote it). */
export function Flash({ message }: { message: string }) {
  return (
    <p className="flash" role="status">
      {message}
    </p>
  );
}
