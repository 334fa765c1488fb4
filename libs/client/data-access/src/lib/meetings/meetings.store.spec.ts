import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MeetingsStore } from './meetings.store';

const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const TEAM = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
const ITEM = '1f8e7d6c-5b4a-4321-8fed-cba987654321';

const detail = (status: string) => ({
  id: MEETING,
  teamId: TEAM,
  seriesId: null,
  startsAt: '2026-03-03T08:30:00.000Z',
  status,
  chairId: TEAM,
  agenda: [],
});

/** Lets the store's awaited http answers run. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MeetingsStore: closing and cancelling', () => {
  let store: MeetingsStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(MeetingsStore);
    http = TestBed.inject(HttpTestingController);
    const open = store.openMeeting(MEETING);
    http.expectOne(`/api/meetings/${MEETING}`).flush(detail('gepland'));
    await tick();
    http.expectOne(`/api/teams/${TEAM}`).flush({ id: TEAM, members: [] });
    await open;
  });

  afterEach(() => http.verify());

  it('asks what closing would carry forward', async () => {
    const preview = store.closePreview();
    http.expectOne(`/api/meetings/${MEETING}/close-preview`).flush({
      undiscussedItemIds: [ITEM],
      destination: 'einde-reeks',
      nextMeeting: null,
    });
    const result = await preview;
    expect(result.ok && result.data.destination).toBe('einde-reeks');
  });

  it('cancels the open meeting and reloads the team’s list', async () => {
    const cancelled = store.cancel();
    const request = http.expectOne(`/api/meetings/${MEETING}/cancel`);
    expect(request.request.method).toBe('POST');
    request.flush(detail('geannuleerd'));
    await tick();
    http.expectOne(`/api/teams/${TEAM}/meetings`).flush([]);
    expect((await cancelled).ok).toBe(true);
    expect(store.meeting()?.status).toBe('geannuleerd');
  });

  it('changes time and roles with PATCH', async () => {
    const updated = store.update({ timekeeperId: ITEM, minuteTakerId: null });
    const request = http.expectOne(`/api/meetings/${MEETING}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ timekeeperId: ITEM, minuteTakerId: null });
    request.flush(detail('gepland'));
    await tick();
    http.expectOne(`/api/teams/${TEAM}/meetings`).flush([]);
    expect((await updated).ok).toBe(true);
  });
});
