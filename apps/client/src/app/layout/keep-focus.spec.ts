import { afterEach, describe, expect, it } from '@jest/globals';
import { keepFocusThroughBusyButtons } from './keep-focus';

/** Lets the MutationObserver deliver its records. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('keepFocusThroughBusyButtons', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    document.body.innerHTML = '';
  });

  const setUp = () => {
    document.body.innerHTML =
      '<button id="hand" type="button">Hand opsteken</button><a id="other" href="#x">ander</a>';
    stop = keepFocusThroughBusyButtons(document);
    return {
      hand: document.getElementById('hand') as HTMLButtonElement,
      other: document.getElementById('other') as HTMLAnchorElement,
    };
  };
  /**
   * What the browser does when the focused button is disabled: focus goes to <body> (jsdom does
   * not move it off a disabled element, so the blur comes first here).
   */
  const disableFocused = async (button: HTMLButtonElement) => {
    button.blur();
    button.disabled = true;
    await settle();
  };

  it('gives focus back to the busy button when it is enabled again', async () => {
    const { hand } = setUp();
    hand.focus();
    await disableFocused(hand);
    expect(document.activeElement).not.toBe(hand);
    hand.disabled = false;
    await settle();
    expect(document.activeElement).toBe(hand);
  });

  it('also when the button still held focus as it was disabled (the browser moves it later)', async () => {
    const { hand } = setUp();
    hand.focus();
    hand.disabled = true;
    await settle();
    hand.blur();
    hand.disabled = false;
    await settle();
    expect(document.activeElement).toBe(hand);
  });

  it('leaves focus where the user moved it meanwhile', async () => {
    const { hand, other } = setUp();
    hand.focus();
    await disableFocused(hand);
    other.focus();
    hand.disabled = false;
    await settle();
    expect(document.activeElement).toBe(other);
  });

  it('does not grab focus for a button that was not focused, or that is gone', async () => {
    const { hand } = setUp();
    await disableFocused(hand);
    hand.disabled = false;
    await settle();
    expect(document.activeElement).toBe(document.body);
    hand.focus();
    await disableFocused(hand);
    hand.remove();
    hand.disabled = false;
    await settle();
    expect(document.activeElement).toBe(document.body);
  });
});
