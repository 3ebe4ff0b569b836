/**
 * Fills a cards/*.json template: a string that is exactly `${name}` becomes the value as is
 * (arrays, objects), `${name}` inside a longer string is interpolated as text.
 */
export function fillTemplate(template: unknown, vars: Record<string, unknown>): unknown {
  if (typeof template === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(template);
    if (whole) return lookup(vars, whole[1]!);
    return template.replace(/\$\{(\w+)\}/g, (_, k: string) => String(lookup(vars, k)));
  }
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, vars));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, vars)]));
  }
  return template;
}

function lookup(vars: Record<string, unknown>, key: string): unknown {
  if (!(key in vars)) throw new Error(`card template variable missing: ${key}`);
  return vars[key];
}
