import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { MapKind } from '@casustafel/contracts';
import { failureMessageKey, LanguageStore, NetworkMapStore } from '@casustafel/client/data-access';
import { AlertComponent, MessageRegionComponent, DateTimePipe, FIELD } from '@casustafel/client/ui';
import { EcogramEditorComponent } from './ecogram-editor.component';
import { GenogramEditorComponent } from './genogram-editor.component';

/** Renders an SVG file to PNG in the browser (canvas), so the server's event loop does no raster work. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 600);
  const image = new Image();
  // A data: URL (allowed by the page's img-src), not a blob: URL.
  image.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no png'))), 'image/png'),
  );
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A household's genogram and ecogram, live (standalone: the household page shows it, and the
 * live room can embed it with `readonly`). Versions are saved and viewed here; exports are SVG
 * (drawn by the server from the same layout) and PNG (that SVG rasterised in the browser).
 */
@Component({
  selector: 'cst-network-maps',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    AlertComponent,
    MessageRegionComponent,
    DateTimePipe,
    FIELD,
    EcogramEditorComponent,
    GenogramEditorComponent,
  ],
  providers: [NetworkMapStore],
  templateUrl: './network-maps.component.html',
  styleUrl: './network-maps.css',
  styles: ':host { display: block; }',
})
export class NetworkMapsComponent {
  readonly householdId = input.required<string>();
  /** Only look (the live room's item): no editing, no versions saved. */
  readonly readonly = input(false);
  protected readonly store = inject(NetworkMapStore);
  protected readonly language = inject(LanguageStore);
  readonly #transloco = inject(TranslocoService);
  protected readonly versionName = signal('');
  protected readonly versionError = signal<string | null>(null);
  protected readonly versionSaved = signal(false);
  protected readonly exportError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => void this.store.load(id));
    });
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async saveVersion(): Promise<void> {
    this.versionSaved.set(false);
    const name = this.versionName().trim();
    if (!name) {
      this.versionError.set('network.versions.nameRequired');
      return;
    }
    const result = await this.store.saveVersion(name);
    this.versionError.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) {
      this.versionName.set('');
      this.versionSaved.set(true);
    }
  }

  protected async view(versionId: string | null): Promise<void> {
    const result = await this.store.view(versionId);
    this.versionError.set(result.ok ? null : failureMessageKey(result.failure));
  }

  protected async export(kind: MapKind, format: 'svg' | 'png'): Promise<void> {
    this.exportError.set(null);
    const result = await this.store.svg(kind);
    if (!result.ok) {
      this.exportError.set(failureMessageKey(result.failure));
      return;
    }
    const name = `${kind}-${this.store.map()?.householdLabel.replace(/[^\w-]+/g, '-') ?? 'kaart'}`;
    if (format === 'svg') {
      download(new Blob([result.data], { type: 'image/svg+xml' }), `${name}.svg`);
      return;
    }
    try {
      download(await svgToPng(result.data), `${name}.png`);
    } catch {
      this.exportError.set('errors.INTERNAL_ERROR');
    }
  }

  protected mapName(kind: MapKind): string {
    return this.#transloco.translate(`network.${kind}.heading`);
  }
}
