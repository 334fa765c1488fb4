import {
  DECISION_TYPES,
  type CaseStatus,
  type CostCategory,
  type DecisionType,
  type PlanItemType,
} from '@casustafel/domain';
import type {
  HistoryCase,
  HistoryItem,
  HistoryMeeting,
  HistoryPlan,
  TeamHistory,
} from './insight-history';

/**
 * A plausible, deterministic history of a team's work (seeded PRNG): weekly meetings with
 * discussed cases, decisions leaning on the informal sphere, actions mostly on time, ZRM
 * scores that tend to improve. Used by the demo seed (a few years for the demo team) and the
 * benchmark (five years: 5,000 cases, 250 meetings, 20,000 decisions).
 */
export interface GeneratorOptions {
  teamId: string;
  /** Users who act as regisseur and chair. */
  userIds: readonly string[];
  /** The first and last meeting day. */
  start: Date;
  end: Date;
  cases: number;
  meetings: number;
  decisions: number;
  /** Support-plan items in all (spread over the plans of cases that reached `plan`). */
  planItems?: number;
  /** The share of plans that came from a family group conference (default one in eight). */
  conferenceShare?: number;
  seed?: number;
}

const ITEM_TYPES: [PlanItemType, number, CostCategory | null, number][] = [
  // type, weight, cost category, typical cost in euros (0: none)
  ['eigen-kracht', 14, null, 0],
  ['netwerk', 14, null, 0],
  ['vrijwilliger', 8, '6.1', 150],
  ['algemene-voorziening', 16, '6.1', 400],
  ['maatwerk-wmo', 18, '6.71', 4_500],
  ['maatwerk-jeugdwet', 10, '6.72', 6_000],
  ['eerste-lijn', 12, '6.2', 600],
  ['tweede-lijn', 8, '6.82', 12_000],
];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const WEIGHTS: [DecisionType, number][] = [
  ['inzet-eigen-kracht-netwerk', 30],
  ['algemene-voorziening', 18],
  ['maatwerkvoorziening', 16],
  ['verwijzing-1e-lijn', 9],
  ['verwijzing-2e-lijn', 8],
  ['opschalen', 4],
  ['afschalen', 4],
  ['veiligheid-meldcode', 2],
  ['geen-actie', 5],
  ['overig', 4],
];

export function generateTeamHistory(options: GeneratorOptions): TeamHistory {
  const random = prng(options.seed ?? 15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const totalWeight = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const decisionType = (): DecisionType => {
    let r = random() * totalWeight;
    for (const [type, w] of WEIGHTS) {
      r -= w;
      if (r <= 0) return type;
    }
    return DECISION_TYPES[0];
  };
  const span = options.end.getTime() - options.start.getTime();
  const meetingDays = Array.from(
    { length: options.meetings },
    (_, i) =>
      new Date(
        options.start.getTime() + Math.round((span * i) / Math.max(1, options.meetings - 1)),
      ),
  ).map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8, 30)));

  // Cases registered spread over the span; each is discussed at the next meetings.
  const cases: HistoryCase[] = [];
  const registered: number[] = [];
  for (let i = 0; i < options.cases; i += 1) {
    const at = options.start.getTime() - 14 * DAY + Math.floor(random() * span);
    registered.push(at);
    const transitions: { status: CaseStatus; at: Date }[] = [
      { status: 'aanmelding', at: new Date(at) },
    ];
    let t = at + (1 + Math.floor(random() * 6)) * DAY;
    const steps: CaseStatus[] = [
      'vraagverheldering',
      'plan',
      'uitvoering',
      'evaluatie',
      'afgesloten',
    ];
    const reach = 1 + Math.floor(random() * steps.length);
    for (const status of steps.slice(0, reach)) {
      if (t > options.end.getTime()) break;
      transitions.push({ status, at: new Date(t) });
      t += (7 + Math.floor(random() * (status === 'uitvoering' ? 120 : 30))) * DAY;
    }
    const first = new Date(at + 3 * DAY).toISOString().slice(0, 10);
    const latestAt = Math.min(options.end.getTime(), at + (60 + Math.floor(random() * 200)) * DAY);
    const latest = new Date(latestAt).toISOString().slice(0, 10);
    const base = {
      financien: 1 + Math.floor(random() * 3),
      'sociaal-netwerk': 1 + Math.floor(random() * 3),
      huisvesting: 2 + Math.floor(random() * 3),
    };
    const move = (score: number) => Math.min(5, Math.max(1, score + pick([-1, 0, 0, 1, 1, 1, 2])));
    cases.push({
      regisseurId: pick(options.userIds),
      transitions,
      zrm:
        latest > first && random() < 0.6
          ? [
              { assessedAt: first, scores: base },
              {
                assessedAt: latest,
                scores: {
                  financien: move(base.financien),
                  'sociaal-netwerk': move(base['sociaal-netwerk']),
                  huisvesting: move(base.huisvesting),
                },
              },
            ]
          : [],
    });
  }
  const order = registered.map((at, i) => ({ at, i })).sort((a, b) => a.at - b.at);

  const perMeeting = Math.max(1, Math.round(options.decisions / options.meetings / 1.3));
  const meetings: HistoryMeeting[] = [];
  let cursor = 0;
  for (const day of meetingDays) {
    const due = order.filter((c) => c.at < day.getTime());
    if (due.length === 0) continue;
    const items: HistoryItem[] = [];
    for (let n = 0; n < Math.min(perMeeting, due.length); n += 1) {
      const entry = due[(cursor + n) % due.length] as { i: number };
      const box = pick([10, 15, 15, 20]);
      const decisions = Array.from({ length: random() < 0.3 ? 2 : 1 }, () => ({
        type: decisionType(),
        at: new Date(day.getTime() + (n + 1) * 15 * 60_000),
      }));
      const dueDate = new Date(day.getTime() + (7 + Math.floor(random() * 21)) * DAY);
      const r = random();
      const done = new Date(dueDate.getTime() + (r < 0.75 ? -3 : 5) * DAY);
      items.push({
        caseIndex: entry.i,
        timeBoxMinutes: box,
        usedMinutes: Math.round(box * (0.7 + random() * 0.6)),
        decisions,
        actions: [
          r < 0.9 && done.getTime() < options.end.getTime()
            ? { due: dueDate.toISOString().slice(0, 10), status: 'gereed', doneAt: done }
            : r < 0.95
              ? { due: dueDate.toISOString().slice(0, 10), status: 'open' }
              : { due: dueDate.toISOString().slice(0, 10), status: 'vervallen' },
        ],
      });
    }
    cursor += items.length;
    meetings.push({ startsAt: day, chairId: pick(options.userIds), items });
  }
  const withPlan = cases
    .map((c, i) => ({ i, plan: c.transitions.find((t) => t.status === 'plan')?.at }))
    .filter((c): c is { i: number; plan: Date } => c.plan !== undefined);
  const perPlan = withPlan.length === 0 ? 0 : (options.planItems ?? 0) / withPlan.length;
  const itemWeight = ITEM_TYPES.reduce((sum, [, w]) => sum + w, 0);
  const itemType = () => {
    let r = random() * itemWeight;
    for (const entry of ITEM_TYPES) {
      r -= entry[1];
      if (r <= 0) return entry;
    }
    return ITEM_TYPES[0] as (typeof ITEM_TYPES)[number];
  };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const plans: HistoryPlan[] = [];
  let owed = 0;
  for (const { i, plan } of perPlan > 0 ? withPlan : []) {
    owed += perPlan;
    const count = Math.floor(owed);
    owed -= count;
    const created = plan.getTime();
    const evaluations: { at: Date; due: string }[] = [];
    let due = created + 180 * DAY;
    while (due + 30 * DAY < options.end.getTime()) {
      const at = due + (random() < 0.7 ? -5 : 20) * DAY;
      evaluations.push({ at: new Date(at), due: day(due) });
      due = at + 180 * DAY;
    }
    plans.push({
      caseIndex: i,
      createdAt: plan,
      evaluationDate: day(due),
      evaluations,
      agreedOn: random() < 0.85 ? day(created + (3 + Math.floor(random() * 14)) * DAY) : undefined,
      items: Array.from({ length: count }, () => {
        const [type, , category, euros] = itemType();
        return {
          type,
          startDate: day(created + Math.floor(random() * 60) * DAY),
          ...(category && euros > 0
            ? { costCategory: category, costCents: Math.round(euros * (0.5 + random()) * 100) }
            : {}),
        };
      }),
    });
  }
  // Some plans came from a family group conference (one in eight unless told; a PRNG of its
  // own, so the rest of the history stays as it was): accepted days before the plan, followed
  // up four weeks later in most cases.
  const conferenceRandom = prng((options.seed ?? 15) + 13);
  for (const plan of plans) {
    if (conferenceRandom() >= (options.conferenceShare ?? 0.125)) continue;
    const accepted = plan.createdAt.getTime() - (1 + Math.floor(conferenceRandom() * 10)) * DAY;
    const followUpOn = day(accepted + 28 * DAY);
    plan.conference = {
      acceptedAt: new Date(accepted),
      followUpOn,
      // Only a follow-up that has come due can have been done.
      followedUp: conferenceRandom() < 0.8 && followUpOn <= day(options.end.getTime()),
    };
  }
  return { teamId: options.teamId, cases, meetings, plans };
}
