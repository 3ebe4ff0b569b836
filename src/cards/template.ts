/**
 * Fills a Card JSON template from `cards/`: a string that is exactly `${name}` is replaced by the
 * value itself (any JSON; inside an array an array value is spread in, and `null`/`undefined`
 * drops the element or property); `${name}` inside a longer string is replaced by its text.
 * A slot without a value is a bug in the builder, so it throws instead of sending `${x}` to Lark.
 */
export type Vars = Record<string, unknown>;

const WHOLE = /^\$\{([A-Za-z0-9_]+)\}$/;
const PART = /\$\{([A-Za-z0-9_]+)\}/g;
const DROP = Symbol('drop');

function lookup(vars: Vars, name: string): unknown {
  if (!Object.hasOwn(vars, name)) throw new Error(`card template slot without a value: \${${name}}`);
  return vars[name];
}

function fillNode(node: unknown, vars: Vars): unknown {
  if (typeof node === 'string') {
    const whole = WHOLE.exec(node);
    if (whole) {
      const v = lookup(vars, whole[1]!);
      return v === undefined || v === null ? DROP : v;
    }
    return node.replace(PART, (_, name: string) => String(lookup(vars, name) ?? ''));
  }
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      const isSlot = typeof item === 'string' && WHOLE.test(item);
      const v = fillNode(item, vars);
      if (v === DROP) continue;
      if (isSlot && Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out;
  }
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(node)) {
      const v = fillNode(child, vars);
      if (v !== DROP) out[k] = v;
    }
    return out;
  }
  return node;
}

/** A filled deep copy of `template`; the template itself is never changed. */
export function fill<T = unknown>(template: unknown, vars: Vars): T {
  return fillNode(template, vars) as T;
}
