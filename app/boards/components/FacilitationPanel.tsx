import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { setSpotlight, setTimer, type Facilitation } from '../doc';
import type { BoardVotes } from './useBoardVotes';

/** The coordinator's controls: dot-voting rounds (stored in the database), the timer and the spotlight. */
export function FacilitationPanel({
  doc,
  facilitation,
  votes,
}: {
  doc: Y.Doc;
  facilitation: Facilitation;
  votes: BoardVotes;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [budget, setBudget] = useState(3);
  const [minutes, setMinutes] = useState(5);
  const [confirmNewRound, setConfirmNewRound] = useState(false);
  return (
    <section className="facilitation" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('boards.facilitation')}</h2>
      <fieldset>
        <legend>{t('boards.voting')}</legend>
        <label htmlFor={`${id}-budget`}>{t('boards.budget')}</label>
        <input
          id={`${id}-budget`}
          type="number"
          min={1}
          max={20}
          value={budget}
          onChange={(e) => setBudget(Math.max(1, Math.min(20, Number(e.target.value) || 1)))}
        />
        {/* A new round discards the open round's dots: ask first. */}
        {confirmNewRound ? (
          <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>{t('boards.newRoundConfirm')}</p>
            <button
              type="button"
              disabled={votes.busy}
              onClick={() => {
                setConfirmNewRound(false);
                votes.open(budget);
              }}
            >
              {t('boards.newRoundYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmNewRound(false)}>
              {t('boards.newRoundNo')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            disabled={votes.busy}
            onClick={() => (votes.state.round?.open ? setConfirmNewRound(true) : votes.open(budget))}
          >
            {t('boards.startVoting')}
          </button>
        )}
        <button type="button" disabled={votes.busy || votes.state.round?.open !== true} onClick={() => votes.reveal()}>
          {t('boards.reveal')}
        </button>
        {votes.state.round?.open && votes.state.turnout ? (
          <p className="meta">
            {t('boards.turnout', { count: votes.state.turnout.voters, dots: votes.state.turnout.dots })}{' '}
            <button type="button" disabled={votes.busy} onClick={() => votes.refresh()}>
              {t('boards.refreshTurnout')}
            </button>
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('boards.timer')}</legend>
        <label htmlFor={`${id}-minutes`}>{t('boards.minutes')}</label>
        <input
          id={`${id}-minutes`}
          type="number"
          min={1}
          max={120}
          value={minutes}
          onChange={(e) => setMinutes(Math.max(1, Math.min(120, Number(e.target.value) || 1)))}
        />
        <button type="button" onClick={() => setTimer(doc, Date.now() + minutes * 60_000)}>
          {t('boards.startTimer')}
        </button>
        <button type="button" disabled={facilitation.timerEndsAt === null} onClick={() => setTimer(doc, null)}>
          {t('boards.stopTimer')}
        </button>
      </fieldset>
      {facilitation.spotlight ? (
        <button type="button" onClick={() => setSpotlight(doc, null)}>
          {t('boards.spotlightOff')}
        </button>
      ) : null}
    </section>
  );
}
