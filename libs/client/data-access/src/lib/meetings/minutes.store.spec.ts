import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MinutesView } from '@casustafel/contracts';
import { MinutesStore } from './minutes.store';

const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const ITEM = '9f8e7d6c-5b4a-4321-8fed-cba987654321';

const minutes = (notes: string, status: MinutesView['status'] = 'draft') => ({
  meetingId: MEETING,
  status,
  attendance: { present: [], absent: [] },
  items: [{ itemId: ITEM, notes }],
});

describe('MinutesStore', () => {
  let store: MinutesStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(MinutesStore);
    http = TestBed.inject(HttpTestingController);
    const open = store.open(MEETING);
    http.expectOne(`/api/meetings/${MEETING}/minutes`).flush(minutes('Eerste versie'));
    await open;
  });

  afterEach(() => http.verify());

  it('saves an item’s notes with PATCH and shows the stored minutes', async () => {
    const saved = store.saveNotes(ITEM, 'Herschreven');
    const request = http.expectOne({ method: 'PATCH', url: `/api/meetings/${MEETING}/minutes` });
    expect(request.request.body).toEqual({ items: [{ itemId: ITEM, notes: 'Herschreven' }] });
    request.flush(minutes('Herschreven'));
    expect((await saved).ok).toBe(true);
    expect(store.minutes()?.items[0]?.notes).toBe('Herschreven');
  });

  it('keeps the minutes as they were when the server refuses (approved meanwhile)', async () => {
    const saved = store.saveNotes(ITEM, 'Te laat');
    http.expectOne({ method: 'PATCH', url: `/api/meetings/${MEETING}/minutes` }).flush(
      {
        code: 'CONFLICT',
        message: 'Refused',
        details: [{ path: '', issue: 'minutes-approved' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    const result = await saved;
    expect(result.ok).toBe(false);
    expect(store.minutes()?.items[0]?.notes).toBe('Eerste versie');
    expect(store.failureKey()).not.toBeNull();
  });
});
