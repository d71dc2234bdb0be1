import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The shared countdown everyone sees; announced politely when the time is up. */
export function BoardTimer({ endsAt }: { endsAt: number | null }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (endsAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);
  if (endsAt === null) return null;
  const left = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <p className="board-timer" role={left === 0 ? 'alert' : undefined}>
      {left === 0 ? t('boards.timeUp') : t('boards.timeLeft', { time })}
    </p>
  );
}
