// JSON for the server, whatever the host page has done to the built-in prototypes. Prototype.js
// up to 1.7, which Magento 1 shops still load, defines Array.prototype.toJSON to return a string,
// and JSON.stringify calls it: a handoff's `steps` went as "[{…}]", the server refused it
// ("handoff.steps: Expected Array"), and every retry the same. The replacer hands back each value
// as it is in the frame, before any toJSON (our frames are plain data: no Date, nothing that
// needs one), and the page's prototypes are left alone, as its own code expects them.
export function stringify(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string) {
    return this[key];
  });
}
