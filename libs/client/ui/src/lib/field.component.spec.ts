import { describe, expect, it } from '@jest/globals';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FIELD } from './field.component';
import { fieldIssues, issueAt } from './field-issues';

@Component({
  imports: [...FIELD],
  template: `
    <cst-field
      fieldId="name"
      label="Naam"
      [hint]="hint()"
      [error]="error()"
      [required]="required()"
      errorTestId="name-error"
    >
      <input cstControl type="text" />
    </cst-field>
    <cst-field label="Akkoord" layout="check" optionalText="optioneel">
      <input
        cstControl
        type="checkbox"
        [cstControlInvalid]="groupInvalid()"
        [cstControlDescribedBy]="groupInvalid() ? 'group-error' : null"
      />
    </cst-field>
  `,
})
class HostComponent {
  readonly hint = signal<string | null>('Zoals in het paspoort');
  readonly error = signal<string | null>(null);
  readonly required = signal(true);
  readonly groupInvalid = signal(false);
}

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing element');
  return value;
}

describe('FieldComponent', () => {
  it('wires label, hint, error and the required marker to its control', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = must(root.querySelector<HTMLInputElement>('input[type=text]'));
    const label = must(root.querySelector('label[for="name"]'));
    expect(input.id).toBe('name');
    expect(label.textContent).toContain('Naam');
    expect(label.querySelector('.cst-field__required')?.getAttribute('aria-hidden')).toBe('true');
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('name-hint');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(root.querySelector('#name-hint')?.textContent).toContain('Zoals in het paspoort');

    fixture.componentInstance.error.set('Vul een naam in.');
    await fixture.whenStable();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('name-hint name-error');
    const error = must(root.querySelector('[data-testid="name-error"]'));
    expect(error.id).toBe('name-error');
    expect(error.textContent).toContain('Vul een naam in.');
    expect(root.querySelector('cst-field')?.classList).toContain('utrecht-form-field--invalid');

    fixture.componentInstance.hint.set(null);
    fixture.componentInstance.error.set(null);
    fixture.componentInstance.required.set(false);
    await fixture.whenStable();
    expect(input.getAttribute('aria-describedby')).toBeNull();
    expect(input.getAttribute('aria-required')).toBeNull();
    expect(root.querySelector('#name-error')).toBeNull();
  });

  it('puts a checkbox before its label and generates an id when none is given', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const box = must(root.querySelector<HTMLInputElement>('input[type=checkbox]'));
    expect(box.id).toMatch(/^cst-field-\d+$/);
    const label = must(root.querySelector(`label[for="${box.id}"]`));
    expect(box.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(label.textContent).not.toContain('optioneel');
    expect(box.getAttribute('aria-invalid')).toBeNull();

    fixture.componentInstance.groupInvalid.set(true);
    await fixture.whenStable();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')).toBe('group-error');
  });
});

describe('fieldIssues', () => {
  it('turns a failed parse into dotted paths and codes, and finds a field by path', () => {
    const issues = fieldIssues({
      success: false,
      error: {
        issues: [
          { path: ['members', 0, 'bsn'], code: 'custom' },
          { path: ['email'], code: 'invalid_format' },
        ],
      },
    });
    expect(issues).toEqual([
      { path: 'members.0.bsn', issue: 'custom' },
      { path: 'email', issue: 'invalid_format' },
    ]);
    expect(issueAt(issues, 'email')).toBe('invalid_format');
    expect(issueAt(issues, 'members.0')).toBe('custom');
    expect(issueAt(issues, 'name')).toBeNull();
    expect(fieldIssues({ success: true })).toEqual([]);
  });
});
