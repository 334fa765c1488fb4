import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { NetworkChangedEvent, NetworkMap } from '@casustafel/contracts';
import type { RealtimeEvent } from '../realtime/connection-state';
import { RealtimeClient } from '../realtime/realtime.client';
import { NetworkMapStore } from './network-map.store';

const HH = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const URL = `/api/households/${HH}/network-map`;

function map(revision: number, labels: string[] = []): NetworkMap {
  return {
    householdId: HH,
    householdLabel: 'Huishouden Jansen',
    revision,
    persons: [],
    links: [],
    ties: labels.map((label, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      category: 'school',
      label,
      networkPersonId: null,
      strength: 'sterk',
      energy: 'geen',
      codes: [],
    })),
  };
}

class FakeRealtime {
  readonly network$ = new Subject<NetworkChangedEvent>();
  readonly events$ = new Subject<RealtimeEvent>();
  readonly joined: string[] = [];
  readonly left: string[] = [];
  /** The revision the server answers on join. */
  revision = 1;
  connect(): void {
    /* connected in the test */
  }
  async emitWithAck(_event: string, payload: { householdId: string }) {
    this.joined.push(payload.householdId);
    return {
      ok: true as const,
      data: { householdId: payload.householdId, revision: this.revision },
    };
  }
  emitNetworkLeave(householdId: string): void {
    this.left.push(householdId);
  }
}

describe('NetworkMapStore', () => {
  let http: HttpTestingController;
  let realtime: FakeRealtime;
  let store: NetworkMapStore;
  let injector: Injector;

  beforeEach(() => {
    realtime = new FakeRealtime();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RealtimeClient, useValue: realtime },
        NetworkMapStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    injector = TestBed.inject(Injector);
    store = runInInjectionContext(injector, () => TestBed.inject(NetworkMapStore));
  });

  afterEach(() => http.verify());

  const flushSoon = async (url: string, body: NetworkMap | []) => {
    for (let i = 0; i < 20; i++) {
      const pending = http.match(url);
      if (pending.length > 0) {
        for (const p of pending) p.flush(body);
        return;
      }
      await new Promise((r) => setTimeout(r, 0));
    }
    throw new Error(`no request to ${url}`);
  };

  it('loads the map, follows the household and reads again when someone else changed it', async () => {
    const loading = store.load(HH);
    await flushSoon(URL, map(1));
    await flushSoon(`${URL}/versions`, []);
    await loading;
    expect(store.map()?.revision).toBe(1);
    expect(realtime.joined).toEqual([HH]);

    // A colleague's change: a newer revision is read; an old or foreign one is not.
    realtime.network$.next({ householdId: HH, revision: 1 });
    realtime.network$.next({ householdId: '00000000-0000-4000-8000-000000000009', revision: 9 });
    expect(http.match(URL)).toHaveLength(0);
    realtime.network$.next({ householdId: HH, revision: 2 });
    await flushSoon(URL, map(2, ['De Regenboog']));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.map()?.ties.map((t) => t.label)).toEqual(['De Regenboog']);
  });

  it('never goes back to an older revision read late', async () => {
    realtime.revision = 3;
    const loading = store.load(HH);
    await flushSoon(URL, map(3));
    await flushSoon(`${URL}/versions`, []);
    await loading;
    const reading = store.reload();
    await flushSoon(URL, map(2));
    await reading;
    expect(store.map()?.revision).toBe(3);
  });
});
