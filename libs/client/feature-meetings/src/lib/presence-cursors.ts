import { type Extension, RangeSetBuilder } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  ViewPlugin,
  type ViewUpdate,
  WidgetType,
} from '@codemirror/view';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { NOTE_COLORS } from '@casustafel/client/data-access';

/*
 * Presence cursors with names, like y-codemirror.next's remote selections but without inline
 * `style` attributes (the Content-Security-Policy allows no inline styles): every colour is a
 * class of the editor theme.
 */

interface PeerState {
  user?: { name?: unknown; color?: unknown };
  cursor?: { anchor?: unknown; head?: unknown } | null;
}

function colorIndex(color: unknown): number {
  const index = NOTE_COLORS.indexOf(typeof color === 'string' ? color : '');
  return index < 0 ? 0 : index;
}

class CaretWidget extends WidgetType {
  constructor(
    readonly name: string,
    readonly color: number,
  ) {
    super();
  }

  override eq(other: CaretWidget): boolean {
    return other.name === this.name && other.color === this.color;
  }

  toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = `cst-caret cst-peer-${this.color}`;
    caret.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'cst-caret__name';
    label.textContent = this.name;
    caret.append('\u2060', label, '\u2060');
    return caret;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}

/** Publishes the local cursor in the awareness and draws the others' cursors and selections. */
export function presenceCursors(ytext: Y.Text, awareness: Awareness): Extension {
  const doc = ytext.doc as Y.Doc;
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet = Decoration.none;
      #destroyed = false;
      readonly #listener: (change: {
        added: number[];
        updated: number[];
        removed: number[];
      }) => void;

      constructor(readonly view: EditorView) {
        this.#listener = ({ added, updated, removed }) => {
          if ([...added, ...updated, ...removed].some((id) => id !== doc.clientID)) {
            queueMicrotask(() => {
              if (!this.#destroyed) this.view.dispatch({});
            });
          }
        };
        awareness.on('change', this.#listener);
        this.decorations = this.#build();
      }

      update(update: ViewUpdate): void {
        const local = awareness.getLocalState();
        if (local && update.view.hasFocus) {
          const sel = update.state.selection.main;
          const anchor = Y.createRelativePositionFromTypeIndex(ytext, sel.anchor);
          const head = Y.createRelativePositionFromTypeIndex(ytext, sel.head);
          const current = (local as PeerState).cursor;
          const same =
            current?.anchor &&
            current.head &&
            Y.compareRelativePositions(Y.createRelativePositionFromJSON(current.anchor), anchor) &&
            Y.compareRelativePositions(Y.createRelativePositionFromJSON(current.head), head);
          if (!same) awareness.setLocalStateField('cursor', { anchor, head });
        }
        this.decorations = this.#build();
      }

      #build(): DecorationSet {
        const ranges: { from: number; to: number; deco: Decoration }[] = [];
        const length = this.view.state.doc.length;
        awareness.getStates().forEach((raw, clientId) => {
          if (clientId === doc.clientID) return;
          const state = raw as PeerState;
          const cursor = state.cursor;
          if (!cursor?.anchor || !cursor.head) return;
          const anchor = Y.createAbsolutePositionFromRelativePosition(
            Y.createRelativePositionFromJSON(cursor.anchor),
            doc,
          );
          const head = Y.createAbsolutePositionFromRelativePosition(
            Y.createRelativePositionFromJSON(cursor.head),
            doc,
          );
          if (!anchor || !head || anchor.type !== ytext || head.type !== ytext) return;
          const color = colorIndex(state.user?.color);
          const name = typeof state.user?.name === 'string' ? state.user.name : '?';
          const from = Math.min(anchor.index, head.index, length);
          const to = Math.min(Math.max(anchor.index, head.index), length);
          if (from < to) {
            ranges.push({
              from,
              to,
              deco: Decoration.mark({ class: `cst-peer-selection cst-peer-${color}` }),
            });
          }
          const at = Math.min(head.index, length);
          ranges.push({
            from: at,
            to: at,
            deco: Decoration.widget({ widget: new CaretWidget(name, color), side: 1 }),
          });
        });
        ranges.sort((a, b) => a.from - b.from || a.to - b.to);
        const builder = new RangeSetBuilder<Decoration>();
        for (const r of ranges) builder.add(r.from, r.to, r.deco);
        return builder.finish();
      }

      destroy(): void {
        this.#destroyed = true;
        awareness.off('change', this.#listener);
      }
    },
    { decorations: (v) => v.decorations },
  );

  const colors: Record<string, Record<string, string>> = {};
  NOTE_COLORS.forEach((color, i) => {
    colors[`.cst-peer-${i}`] = { '--cst-peer': color };
  });
  const theme = EditorView.theme({
    ...colors,
    '.cst-peer-selection': {
      backgroundColor: 'color-mix(in srgb, var(--cst-peer) 22%, transparent)',
    },
    '.cst-caret': {
      borderInlineStart: '2px solid var(--cst-peer)',
      marginInline: '-1px',
      position: 'relative',
    },
    '.cst-caret__name': {
      backgroundColor: 'var(--cst-peer)',
      borderRadius: '3px 3px 3px 0',
      color: '#fff',
      fontFamily: 'system-ui, sans-serif',
      fontSize: '0.75rem',
      fontWeight: 'bold',
      insetBlockEnd: '100%',
      insetInlineStart: '-2px',
      lineHeight: '1.2',
      padding: '1px 4px',
      pointerEvents: 'none',
      position: 'absolute',
      whiteSpace: 'nowrap',
      zIndex: '1',
    },
  });
  return [plugin, theme];
}
