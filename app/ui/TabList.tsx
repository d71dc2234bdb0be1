import type { KeyboardEvent } from 'react';

export interface Tab {
  id: string;
  label: string;
  /** The id of the element with role="tabpanel" this tab shows. */
  panelId: string;
}

/**
 * The tab list of the WAI-ARIA tabs pattern, with automatic activation: only the selected tab is in the
 * Tab order; the arrow keys (mirrored in right-to-left text), Home and End move to a tab and select it.
 * The caller renders the panels (role="tabpanel", aria-labelledby the tab's `tab-<id>`, hidden unless
 * selected).
 */
export function TabList({
  label,
  tabs,
  selected,
  onSelect,
  className,
}: {
  label: string;
  tabs: Tab[];
  selected: string;
  onSelect: (id: string) => void;
  className?: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    let next: number | null = null;
    if (step !== undefined) next = (at + step + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.id);
    document.getElementById(`tab-${tab.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={className} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={tab.panelId}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
