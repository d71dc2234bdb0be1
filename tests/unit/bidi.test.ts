import { describe, expect, it } from 'vitest';
import { isolated, isolatedLtr, withPairedIsolatesOnly, withoutBidiControls } from '~/bidi';
import { htmlPart } from '~/notifications/mail.server';

const FSI = '\u2068';
const LRI = '\u2066';
const PDI = '\u2069';

describe('values in plain text (mails)', () => {
  it('sets a value apart in its own direction, without the controls it brought', () => {
    expect(isolated('بيت الجيران')).toBe(`${FSI}بيت الجيران${PDI}`);
    // A stored override or a stray PDI cannot end the isolate early or reorder what follows.
    expect(isolated(`gnp\u202E.exe${PDI}`)).toBe(`${FSI}gnp.exe${PDI}`);
    expect(isolatedLtr('EP-4BY9S4')).toBe(`${LRI}EP-4BY9S4${PDI}`);
    expect(isolated('')).toBe('');
  });

  it('keeps only isolates closed on their own line, and drops every embedding and override', () => {
    const composed = `Uitnodiging: ${isolated('Taalcafé')} (${isolated('Regio Alkmaar')})`;
    expect(withPairedIsolatesOnly(composed)).toBe(composed);
    // An isolate left open would take the rest of the line with it; one closed on the next line is no pair.
    expect(withPairedIsolatesOnly(`a ${FSI}b\nc${PDI} d`)).toBe('a b\nc d');
    expect(withPairedIsolatesOnly(`${PDI}x ${FSI}y${PDI} \u202Bz\u202C`)).toBe(`x ${FSI}y${PDI} z`);
    expect(withPairedIsolatesOnly(`${FSI}${LRI}x${PDI}${PDI}`)).toBe(`${FSI}${LRI}x${PDI}${PDI}`);
    expect(withoutBidiControls(withPairedIsolatesOnly(composed))).toBe('Uitnodiging: Taalcafé (Regio Alkmaar)');
  });

  it("ends a mail's link where an isolate around it begins", () => {
    const html = htmlPart([`Waar: ${isolated('https://meet.example/abc')}`], 'nl');
    expect(html).toContain('<a href="https://meet.example/abc">https://meet.example/abc</a>');
  });
});
