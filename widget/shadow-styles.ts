// Styles for the widget's shadow root that also apply on sites whose Content-Security-Policy
// forbids inline styles (style-src without 'unsafe-inline'): a constructed stylesheet is not
// inline, a <style> element is. Browsers without constructable stylesheets (Safari before 16.4)
// get the element. Shared by the loader and the app; each bundle carries its own copy.
export function addShadowStyles(root: ShadowRoot, css: string): void {
  // Typed as always there; in older browsers it is not.
  if ((root as Partial<ShadowRoot>).adoptedStyleSheets) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}
