import type { Page } from '@playwright/test';

export type FieldKind = 'text' | 'choice' | 'hidden' | 'file';

export interface FoundField {
  name: string;
  kind: FieldKind;
  /** The input's type (`date`, `number`, `hidden` …), or `select` / `textarea`. */
  type: string;
  value: string;
  /** Part of what the form sends as it stands (unchecked boxes are not). */
  sent: boolean;
}

export interface FoundForm {
  method: 'get' | 'post';
  action: string;
  multipart: boolean;
  fields: FoundField[];
  /** The first named submit button, sent along as a click on it would. */
  submitter: { name: string; value: string } | null;
}

export interface PageFacts {
  links: string[];
  forms: FoundForm[];
}

/**
 * The links and forms of a page as the browser reads its HTML (DOMParser in a blank page: no
 * script runs, nothing loads), so the fuzzer posts what a person's browser would.
 */
export function pageFacts(page: Page, html: string, url: string): Promise<PageFacts> {
  return page.evaluate(
    ({ html, url }) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const absolute = (href: string) => {
        try {
          return new URL(href, url).href;
        } catch {
          return null;
        }
      };
      const links = [...doc.querySelectorAll('a[href]')]
        .map((a) => absolute(a.getAttribute('href') ?? ''))
        .filter((href): href is string => href !== null);
      const forms = [...doc.querySelectorAll('form')].map((form) => {
        const fields: FoundField[] = [];
        for (const element of form.querySelectorAll('input, select, textarea')) {
          const name = element.getAttribute('name');
          if (!name || element.hasAttribute('disabled')) continue;
          if (element instanceof HTMLSelectElement) {
            const chosen = element.querySelector('option[selected]') ?? element.querySelector('option');
            const value = chosen?.getAttribute('value') ?? chosen?.textContent ?? '';
            fields.push({ name, kind: 'choice', type: 'select', value, sent: true });
          } else if (element instanceof HTMLTextAreaElement) {
            fields.push({ name, kind: 'text', type: 'textarea', value: element.textContent ?? '', sent: true });
          } else {
            const type = (element.getAttribute('type') ?? 'text').toLowerCase();
            if (['submit', 'button', 'reset', 'image'].includes(type)) continue;
            const value = element.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
            const kind: FieldKind =
              type === 'hidden'
                ? 'hidden'
                : type === 'file'
                  ? 'file'
                  : ['text', 'search', 'email', 'password', 'url', 'tel'].includes(type)
                    ? 'text'
                    : 'choice';
            const sent = type === 'checkbox' || type === 'radio' ? element.hasAttribute('checked') : type !== 'file';
            fields.push({ name, kind, type, value, sent });
          }
        }
        const button = [...form.querySelectorAll('button[name], input[type=submit][name]')].find(
          (b) => (b.getAttribute('type') ?? 'submit') === 'submit',
        );
        return {
          method:
            (form.getAttribute('method') ?? 'get').toLowerCase() === 'post' ? ('post' as const) : ('get' as const),
          action: absolute(form.getAttribute('action') ?? '') ?? url,
          multipart: (form.getAttribute('enctype') ?? '').toLowerCase() === 'multipart/form-data',
          fields,
          submitter: button ? { name: button.getAttribute('name')!, value: button.getAttribute('value') ?? '' } : null,
        };
      });
      return { links, forms };
    },
    { html, url },
  );
}
