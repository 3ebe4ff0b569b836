/** JSON text parsed, or undefined when it is not JSON: for values a client may send either way. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
