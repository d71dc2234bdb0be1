import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';

export interface MenuItem {
  key: string;
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  danger?: boolean;
}

/** Items shown together; groups are set apart by a line, and a labelled group is announced by its label. */
export interface MenuGroup {
  key: string;
  label?: string;
  items: MenuItem[];
}

interface Props {
  /** What the button shows. */
  children: ReactNode;
  /** The button's accessible name: it must contain what the button shows (WCAG 2.5.3, label in name). */
  label: string;
  groups: MenuGroup[];
  buttonRef?: Ref<HTMLButtonElement>;
  className?: string;
}

/**
 * A menu button as the WAI-ARIA Authoring Practices describe it: the button says it opens a menu and
 * whether it is open; Enter, Space or Arrow Down open it on the first item, Arrow Up on the last;
 * arrows, Home and End move between items; Escape closes it and gives focus back to the button, as does
 * choosing an item (unless the item moves focus on itself); Tab, a click outside or focus leaving close it.
 */
export function MenuButton({ children, label, groups, buttonRef, className }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  /** Which item gets focus once the menu is open: the first, or the last after Arrow Up. */
  const [start, setStart] = useState<'first' | 'last'>('first');
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const visible = groups.filter((group) => group.items.length > 0);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    const all = items();
    (start === 'first' ? all[0] : all.at(-1))?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open, start]);

  if (visible.length === 0) return null;

  const openAt = (where: 'first' | 'last') => {
    setStart(where);
    setOpen(true);
  };
  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moveTo = (index: number) => {
      event.preventDefault();
      all[(index + all.length) % all.length]?.focus();
    };
    if (event.key === 'ArrowDown') moveTo(at + 1);
    else if (event.key === 'ArrowUp') moveTo(at - 1);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(all.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  const setButton = (element: HTMLButtonElement | null) => {
    button.current = element;
    if (typeof buttonRef === 'function') buttonRef(element);
    else if (buttonRef) (buttonRef as { current: HTMLButtonElement | null }).current = element;
  };

  return (
    <div
      className={`menu-button${className ? ` ${className}` : ''}`}
      ref={container}
      onBlur={(event) => {
        if (open && !container.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        type="button"
        id={`${id}-button`}
        ref={setButton}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : openAt('first'))}
        onKeyDown={onButtonKey}
      >
        {children}
      </button>
      {open ? (
        <div
          role="menu"
          id={`${id}-menu`}
          aria-labelledby={`${id}-button`}
          className="menu"
          ref={menu}
          onKeyDown={onMenuKey}
        >
          {visible.map((group, index) => (
            <div
              key={group.key}
              role="group"
              aria-label={group.label}
              className={index > 0 ? 'menu-group menu-group-separated' : 'menu-group'}
            >
              {group.label ? (
                <p className="menu-group-label" aria-hidden="true">
                  {group.label}
                </p>
              ) : null}
              {group.items.map((item) => (
                <button
                  key={item.key}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  aria-disabled={item.disabled || undefined}
                  className={item.danger ? 'danger' : undefined}
                  onClick={() => choose(item)}
                >
                  {item.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
