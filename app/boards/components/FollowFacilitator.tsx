import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import { FACILITATING, type Facilitating } from '../protocol';

interface Leader {
  id: string;
  name: string;
  section: string | null;
}

/**
 * "Follow the facilitator" (issue 22). A facilitator's page says in its presence which section their
 * view is on (`facilitating`: the tab on a phone, else the column they last moved focus into or
 * scrolled to); the collab-server lets nobody else say it. A member may follow: their board goes to
 * that section whenever it changes (announced politely), until they press Stop.
 */
export function FollowFacilitator({
  provider,
  me,
  canFacilitate,
  area,
  tabbed,
  current,
  sections,
  onFollow,
}: {
  provider: WebsocketProvider;
  me: { id: string };
  canFacilitate: boolean;
  /** The board's scrolling area, whose columns a facilitator's view moves across. */
  area: React.RefObject<HTMLDivElement | null>;
  /** One section at a time (a phone): then `current` is the section in view. */
  tabbed: boolean;
  current: string;
  sections: { id: string; title: string }[];
  onFollow: (sectionId: string) => void;
}) {
  if (canFacilitate) return <LeadView provider={provider} area={area} tabbed={tabbed} current={current} />;
  return <FollowControl provider={provider} me={me} sections={sections} onFollow={onFollow} />;
}

/** The facilitator's side: publishes the section in view; renders nothing. */
function LeadView({
  provider,
  area,
  tabbed,
  current,
}: {
  provider: WebsocketProvider;
  area: React.RefObject<HTMLDivElement | null>;
  tabbed: boolean;
  current: string;
}) {
  const [inView, setInView] = useState<string | null>(null);
  useEffect(() => {
    const element = area.current;
    if (tabbed || !element) return;
    const sectionOf = (node: Element | null) => node?.closest<HTMLElement>('[id^="section-"]')?.id.slice(8) ?? null;
    const onFocus = (event: FocusEvent) => {
      const section = sectionOf(event.target as Element);
      if (section) setInView(section);
    };
    // The column most of which is visible (sideways scrolling, either direction).
    const onScroll = () => {
      const box = element.getBoundingClientRect();
      let best: { id: string; width: number } | null = null;
      for (const column of element.querySelectorAll<HTMLElement>('[id^="section-"]')) {
        const rect = column.getBoundingClientRect();
        const width = Math.min(rect.right, box.right) - Math.max(rect.left, box.left);
        if (width > 0 && (!best || width > best.width + 1)) best = { id: column.id.slice(8), width };
      }
      if (best) setInView(best.id);
    };
    let frame = 0;
    const onScrollSoon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(onScroll);
    };
    element.addEventListener('focusin', onFocus);
    element.addEventListener('scroll', onScrollSoon, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('focusin', onFocus);
      element.removeEventListener('scroll', onScrollSoon);
    };
  }, [area, tabbed]);
  const section = tabbed ? current : (inView ?? current);
  useEffect(() => {
    const value: Facilitating = { section: section || null };
    provider.awareness.setLocalStateField(FACILITATING, value);
  }, [provider, section]);
  useEffect(() => () => provider.awareness.setLocalStateField(FACILITATING, null), [provider]);
  return null;
}

function useLeaders(provider: WebsocketProvider, myId: string): Leader[] {
  const [leaders, setLeaders] = useState<Leader[]>([]);
  useEffect(() => {
    const read = () => {
      const found = new Map<string, Leader>();
      for (const state of provider.awareness.getStates().values()) {
        const user = (state as { user?: { id?: unknown; name?: unknown } }).user;
        const focus = (state as Record<string, unknown>)[FACILITATING] as Facilitating | null | undefined;
        if (!focus || typeof user?.id !== 'string' || typeof user.name !== 'string' || user.id === myId) continue;
        const section = typeof focus.section === 'string' ? focus.section : null;
        found.set(user.id, { id: user.id, name: user.name, section });
      }
      setLeaders([...found.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    read();
    provider.awareness.on('change', read);
    return () => provider.awareness.off('change', read);
  }, [provider, myId]);
  return leaders;
}

/** The member's side: "Follow <name>", then "Following <name> — Stop". */
function FollowControl({
  provider,
  me,
  sections,
  onFollow,
}: {
  provider: WebsocketProvider;
  me: { id: string };
  sections: { id: string; title: string }[];
  onFollow: (sectionId: string) => void;
}) {
  const { t } = useTranslation();
  const leaders = useLeaders(provider, me.id);
  const [following, setFollowing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const leader = leaders.find((l) => l.id === following) ?? null;
  const toggled = useRef(false);
  const button = useRef<HTMLButtonElement>(null);

  // The facilitator left: following ends, and is said to.
  useEffect(() => {
    if (following !== null && leader === null) {
      setFollowing(null);
      setAnnouncement(t('boards.follow.ended'));
    }
  }, [following, leader, t]);

  const section = leader?.section ?? null;
  const { id: leaderId, name: leaderName } = leader ?? { id: null, name: '' };
  useEffect(() => {
    if (!leaderId || !section) return;
    const title = sections.find((s) => s.id === section)?.title;
    if (!title) return;
    onFollow(section);
    setAnnouncement(t('boards.follow.nowAt', { name: leaderName, section: title }));
    // `sections` and `onFollow` change with every redraw of the board; only a new section moves the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leaderId, leaderName, section]);

  // The one button changes between Follow and Stop: keep the keyboard's focus on it.
  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    button.current?.focus();
  }, [following]);

  const first = leaders[0];
  return (
    <div className="follow-facilitator">
      {leader ? (
        <p>
          {t('boards.follow.following', { name: leader.name })}{' '}
          <button
            ref={button}
            type="button"
            onClick={() => {
              toggled.current = true;
              setFollowing(null);
              setAnnouncement(t('boards.follow.stopped'));
            }}
          >
            {t('boards.follow.stop')}
          </button>
        </p>
      ) : first ? (
        <button
          ref={button}
          type="button"
          onClick={() => {
            toggled.current = true;
            setFollowing(first.id);
          }}
        >
          {t('boards.follow.follow', { name: first.name })}
        </button>
      ) : null}
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </div>
  );
}
