import {
  ChangeDetectionStrategy,
  Component,
  computed,
  CSP_NONCE,
  type ElementRef,
  effect,
  inject,
  input,
  type OnDestroy,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { yCollab } from 'y-codemirror.next';
import * as Y from 'yjs';
import {
  AuthStore,
  noteColor,
  type NoteSync,
  NoteSyncService,
} from '@casustafel/client/data-access';
import { presenceCursors } from './presence-cursors';

/** A paste longer than this is inserted in parts, so every Yjs update fits one message. */
export const NOTE_PASTE_CHUNK = 8_000;

/** Inserts `text` at the selection in parts of at most {@link NOTE_PASTE_CHUNK} characters. */
function insertInParts(view: EditorView, text: string): void {
  const { from, to } = view.state.selection.main;
  view.dispatch({ changes: { from, to, insert: '' } });
  let at = from;
  for (let i = 0; i < text.length; i += NOTE_PASTE_CHUNK) {
    const part = text.slice(i, i + NOTE_PASTE_CHUNK);
    view.dispatch({ changes: { from: at, insert: part }, selection: { anchor: at + part.length } });
    at += part.length;
  }
}

/**
 * The shared note of one agenda item: a CodeMirror 6 editor bound to the item's Y.Text, with
 * the others' cursors and names (awareness). Switching items closes one note and opens the next.
 */
@Component({
  selector: 'cst-live-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div class="cst-note__head">
      <h3 class="utrecht-heading-3 cst-note__label" [id]="labelId()">
        {{ 'meetings.notes.heading' | transloco
        }}<span class="app-visually-hidden">
          — {{ 'meetings.notes.label' | transloco: { item: itemTitle() } }}</span
        >
      </h3>
      <p
        class="cst-small cst-note__status"
        data-testid="note-status"
        [attr.data-state]="note()?.status()"
        aria-live="polite"
      >
        {{ 'meetings.notes.status.' + (note()?.status() ?? 'connecting') | transloco }}
      </p>
    </div>
    <p class="cst-small cst-muted" [id]="hintId()">{{ 'meetings.notes.hint' | transloco }}</p>
    <div #host class="cst-note__editor" data-testid="note-editor"></div>
    <p class="cst-small cst-note__peers" data-testid="note-peers">
      @if (peers().length > 0) {
        {{ 'meetings.notes.peers' | transloco: { names: peers().join(', ') } }}
      } @else {
        {{ 'meetings.notes.alone' | transloco }}
      }
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .cst-note__head {
      align-items: baseline;
      display: flex;
      flex-wrap: wrap;
      gap: var(--basis-space-inline-md, 8px);
      justify-content: space-between;
    }
    .cst-note__label {
      margin: 0;
    }
    .cst-note__status,
    .cst-note__peers {
      margin: 0;
    }
    .cst-note__editor {
      margin-block: var(--basis-space-block-sm, 6px);
    }
  `,
})
export class LiveNoteComponent implements OnDestroy {
  readonly itemId = input.required<string>();
  readonly itemTitle = input.required<string>();
  readonly #notes = inject(NoteSyncService);
  readonly #auth = inject(AuthStore);
  readonly #transloco = inject(TranslocoService);
  /** CodeMirror writes its styles into a <style> element: it needs the page's CSP nonce. */
  readonly #nonce = inject(CSP_NONCE, { optional: true });
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  readonly #note = signal<NoteSync | null>(null);
  #view: EditorView | null = null;

  protected readonly note = this.#note.asReadonly();
  protected readonly peers = computed(() => this.#note()?.peers() ?? []);
  protected readonly labelId = computed(() => `note-label-${this.itemId()}`);
  protected readonly hintId = computed(() => `note-hint-${this.itemId()}`);

  constructor() {
    effect(() => {
      const itemId = this.itemId();
      const host = this.host().nativeElement;
      untracked(() => void this.#open(itemId, host));
    });
  }

  /** Bumped on every open/close, so a note that finishes loading late is dropped. */
  #generation = 0;

  async #open(itemId: string, host: HTMLElement): Promise<void> {
    this.#close();
    const generation = ++this.#generation;
    const user = this.#auth.user();
    const name: string =
      user?.displayName || this.#transloco.translate<string>('meetings.live.someone');
    const note = await this.#notes.open(itemId, { name, ...noteColor(user?.id || name) });
    if (generation !== this.#generation) {
      note.destroy();
      return;
    }
    this.#note.set(note);
    const undoManager = new Y.UndoManager(note.text);
    this.#view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: note.text.toString(),
        extensions: [
          this.#nonce ? EditorView.cspNonce.of(this.#nonce) : [],
          EditorView.lineWrapping,
          placeholder(this.#transloco.translate('meetings.notes.placeholder')),
          EditorView.contentAttributes.of({
            'aria-labelledby': this.labelId(),
            'aria-describedby': this.hintId(),
            'aria-multiline': 'true',
            role: 'textbox',
            'data-testid': 'note-input',
          }),
          EditorView.domEventHandlers({
            paste: (event, view) => {
              const text = event.clipboardData?.getData('text/plain') ?? '';
              if (text.length <= NOTE_PASTE_CHUNK) return false;
              event.preventDefault();
              insertInParts(view, text);
              return true;
            },
          }),
          yCollab(note.text, null, { undoManager }),
          keymap.of([
            { key: 'Mod-z', run: () => (undoManager.undo(), true), preventDefault: true },
            { key: 'Mod-y', run: () => (undoManager.redo(), true), preventDefault: true },
            { key: 'Mod-Shift-z', run: () => (undoManager.redo(), true), preventDefault: true },
          ]),
          presenceCursors(note.text, note.awareness),
          EditorView.theme({
            '&': {
              backgroundColor: 'var(--basis-color-default-bg-document, #fff)',
              border: '1px solid var(--basis-color-default-border-default, #767676)',
              borderRadius: '4px',
              color: 'var(--basis-color-default-color-document, #1a1a1a)',
              fontSize: '1rem',
              minBlockSize: '12rem',
            },
            '&.cm-focused': {
              outline: '3px solid var(--basis-focus-outline-color, #01689b)',
              outlineOffset: '2px',
            },
            '.cm-scroller': { fontFamily: 'inherit' },
            '.cm-content': {
              fontFamily: 'inherit',
              lineHeight: '1.5',
              minBlockSize: '12rem',
              padding: '1.25rem 0.75rem 0.75rem',
            },
            '.cm-placeholder': { color: '#595959' },
          }),
        ],
      }),
    });
  }

  #close(): void {
    this.#generation++;
    this.#view?.destroy();
    this.#view = null;
    this.#note()?.destroy();
    this.#note.set(null);
  }

  ngOnDestroy(): void {
    this.#close();
  }
}
