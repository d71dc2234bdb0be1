import { describe, expect, it } from 'vitest';
import { parseEmailList } from '~/people/email-list.server';
import { detectImageType } from '~/people/image-type';
import { MAX_PHOTO_BYTES, readPhotoUpload } from '~/people/photo-upload.server';

describe('a pasted list of e-mail addresses', () => {
  it('invites the valid ones and reports garbage lines as typed', () => {
    const list = parseEmailList(
      [
        'amina@example.org',
        '  Berhane <BERHANE@Example.org> ',
        'geen adres',
        'amina@example.org',
        '',
        'x@',
        'c@example.org; d@example.org',
      ].join('\n'),
    );
    expect(list.valid).toEqual(['amina@example.org', 'berhane@example.org', 'c@example.org', 'd@example.org']);
    expect(list.invalid).toEqual(['geen adres', 'x@']);
    expect(list.repeated).toEqual(['amina@example.org']);
  });
});

describe('photo type by magic bytes', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    expect(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(detectImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses a text file, an SVG and a PDF, whatever they are called', () => {
    expect(detectImageType(new TextEncoder().encode('hello'))).toBeNull();
    expect(detectImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
  });
});

function upload(file: Blob, name = 'foto.jpg') {
  const form = new FormData();
  form.set('intent', 'upload');
  form.set('photo', file, name);
  return new Request('http://localhost/profile/photo', { method: 'POST', body: form });
}

describe('reading a photo upload', () => {
  it('refuses a 20 MB upload by its declared size without reading the body', async () => {
    const request = new Request('http://localhost/profile/photo', {
      method: 'POST',
      headers: { 'content-length': String(20 * 1024 * 1024), 'content-type': 'multipart/form-data; boundary=x' },
      body: 'never read',
    });
    expect(await readPhotoUpload(request)).toEqual({ intent: 'upload', ok: false, problem: 'tooLarge' });
    expect(request.bodyUsed).toBe(false);
  });

  it('stops reading a photo over 2 MB that did not declare its size', async () => {
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    const request = upload(new Blob([big], { type: 'image/jpeg' }));
    request.headers.delete('content-length');
    expect(await readPhotoUpload(request)).toEqual({ intent: 'upload', ok: false, problem: 'tooLarge' });
  });

  it('refuses a text file named like a photo', async () => {
    const result = await readPhotoUpload(upload(new Blob(['not a photo'], { type: 'image/jpeg' })));
    expect(result).toEqual({ intent: 'upload', ok: false, problem: 'notAnImage' });
  });

  it('reads a photo whose file name holds = or ;', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    for (const name of ['pasfoto=2025.png', 'a;b.png']) {
      expect(await readPhotoUpload(upload(new Blob([png]), name))).toMatchObject({ ok: true, type: 'image/png' });
    }
  });

  it('accepts a small PNG', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    const result = await readPhotoUpload(upload(new Blob([png]), 'x.bin'));
    expect(result).toMatchObject({ intent: 'upload', ok: true, type: 'image/png' });
  });
});
