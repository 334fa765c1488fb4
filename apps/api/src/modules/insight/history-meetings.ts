import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { casePreparationContentSchema, createLiveRoomState } from '@casustafel/domain';
import { type Value, insertRows } from './history-rows';
import type { TeamHistory } from './insight-history';

const PREPARATION_CONTENT = JSON.stringify(
  casePreparationContentSchema.parse({ vraag: 'Wat is de volgende stap met dit huishouden?' }),
);

/**
 * Writes the closed meetings with their discussed case items (their preparation and the minutes
 * they took), decisions, actions and the actions' updates.
 */
export async function writeMeetings(
  db: EntityManager,
  history: TeamHistory,
  caseIds: string[],
): Promise<void> {
  const meetings: Value[][] = [];
  const preparations: Value[][] = [];
  const items: Value[][] = [];
  const decisions: Value[][] = [];
  const actions: Value[][] = [];
  const updates: Value[][] = [];
  for (const m of history.meetings) {
    const meetingId = randomUUID();
    const itemIds = m.items.map(() => randomUUID());
    const state = createLiveRoomState(
      meetingId,
      m.items.map((item, order) => ({
        id: itemIds[order] as string,
        kind: 'casusbespreking' as const,
        order,
        timeBoxMinutes: item.timeBoxMinutes,
        status: item.status ?? 'besproken',
      })),
    );
    const live = {
      ...state,
      items: state.items.map((item, order) => ({
        ...item,
        timer: {
          ...item.timer,
          elapsedMs: Math.round((m.items[order]?.usedMinutes ?? 0) * 60_000),
        },
      })),
    };
    meetings.push([
      meetingId,
      history.teamId,
      null,
      'casuistiekoverleg',
      m.startsAt,
      Math.max(
        60,
        m.items.reduce((sum, item) => sum + item.timeBoxMinutes, 0),
      ),
      m.chairId,
      true,
      'afgesloten',
      JSON.stringify(live),
      0,
      m.startsAt,
      m.startsAt,
    ]);
    m.items.forEach((item, order) => {
      const itemId = itemIds[order] as string;
      const caseId = caseIds[item.caseIndex] as string;
      const preparationId = randomUUID();
      preparations.push([
        preparationId,
        caseId,
        'gereed',
        m.startsAt.toISOString().slice(0, 10),
        PREPARATION_CONTENT,
        m.chairId,
        m.startsAt,
        m.startsAt,
        m.startsAt,
      ]);
      items.push([
        itemId,
        meetingId,
        'casusbespreking',
        `Casus ${item.caseIndex + 1}`,
        m.chairId,
        item.timeBoxMinutes,
        order,
        item.status ?? 'besproken',
        preparationId,
      ]);
      for (const d of item.decisions ?? [])
        decisions.push([
          randomUUID(),
          meetingId,
          itemId,
          randomUUID(),
          d.type,
          'Besluit van het team.',
          'Afgewogen in het overleg.',
          m.chairId,
          m.chairId,
          d.at,
        ]);
      for (const a of item.actions ?? []) {
        const actionId = randomUUID();
        const updated = a.doneAt ?? m.startsAt;
        actions.push([
          actionId,
          meetingId,
          history.teamId,
          itemId,
          null,
          randomUUID(),
          'Actie uit het overleg.',
          m.chairId,
          a.due,
          a.status,
          m.chairId,
          m.startsAt,
          updated,
        ]);
        if (a.status === 'gereed' && a.doneAt)
          updates.push([
            randomUUID(),
            meetingId,
            actionId,
            randomUUID(),
            'gereed',
            0,
            m.chairId,
            a.doneAt,
          ]);
      }
    });
  }
  await insertRows(
    db,
    'meeting',
    [
      'id',
      'team_id',
      'series_id',
      'type',
      'starts_at',
      'duration_minutes',
      'chair_id',
      'published',
      'status',
      'live_state',
      'seq',
      'created_at',
      'updated_at',
    ],
    meetings,
  );
  await insertRows(
    db,
    'preparation',
    [
      'id',
      'case_id',
      'status',
      'meeting_date',
      'content',
      'author_id',
      'created_at',
      'updated_at',
      'ready_at',
    ],
    preparations,
  );
  await insertRows(
    db,
    'agenda_item',
    [
      'id',
      'meeting_id',
      'kind',
      'title',
      'presenter_id',
      'time_box_minutes',
      'position',
      'status',
      'preparation_id',
    ],
    items,
  );
  await insertRows(
    db,
    'meeting_decision',
    [
      'id',
      'meeting_id',
      'agenda_item_id',
      'command_id',
      'type',
      'text',
      'rationale',
      'decided_by_id',
      'recorded_by_id',
      'decided_at',
    ],
    decisions,
  );
  await insertRows(
    db,
    'meeting_action',
    [
      'id',
      'meeting_id',
      'team_id',
      'agenda_item_id',
      'decision_id',
      'command_id',
      'description',
      'owner_id',
      'due',
      'status',
      'created_by_id',
      'created_at',
      'updated_at',
    ],
    actions,
  );
  await insertRows(
    db,
    'meeting_action_update',
    ['id', 'meeting_id', 'action_id', 'command_id', 'status', 'seq', 'actor_id', 'at'],
    updates,
  );
}
