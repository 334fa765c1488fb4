/**
 * A button disabled while its own action runs (`[disabled]="busy()"`) throws keyboard focus to
 * `<body>`: the next Tab starts at the top of the page, and a screen reader loses its place
 * (WCAG 2.4.3). This keeps focus through the busy moment for every button of the app at once:
 * the focused button that becomes disabled is remembered, and gets focus back when it is enabled
 * again — unless the user has focused something else meanwhile or the button is gone.
 * Returns a function that stops watching.
 */
export function keepFocusThroughBusyButtons(doc: Document): () => void {
  let lastFocused: Element | null = null;
  let parked: HTMLButtonElement | null = null;
  const nothingFocused = () => doc.activeElement === null || doc.activeElement === doc.body;

  const onFocusIn = (event: FocusEvent) => {
    lastFocused = event.target instanceof Element ? event.target : null;
    if (lastFocused !== parked) parked = null;
  };
  const observer = new MutationObserver((records) => {
    for (const { target } of records) {
      if (!(target instanceof HTMLButtonElement)) continue;
      // The browser moves focus off a disabled button when it next updates the page: at this
      // point the button may still hold it, or <body> already does.
      const heldHere = doc.activeElement === target || nothingFocused();
      if (target.disabled && target === lastFocused && heldHere) parked = target;
      else if (!target.disabled && target === parked) {
        parked = null;
        if (target.isConnected && heldHere && doc.activeElement !== target) target.focus();
      }
    }
  });
  doc.addEventListener('focusin', onFocusIn);
  observer.observe(doc.documentElement, {
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled'],
  });
  return () => {
    doc.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}
