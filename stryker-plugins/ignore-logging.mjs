// A Stryker "ignorer" (https://stryker-mutator.io/docs/stryker-js/configuration/#ignorers): no mutant
// inside a call that writes a log line — `log.info(...)`, `ctx.logger.warn(...)`, `log[level](...)`,
// `req.log.child(...)`. The words and fields of a log line are for the person reading the logs, not
// behaviour a test should pin; left in, they were most of the inbound path's survivors. What the logs
// must never carry (secrets, message text) is tested by test/lark/inbound-logging.test.ts and
// test/queue/log-privacy.test.ts, which the ignored mutants could not break anyway (they only drop or
// blank fields). Ignored mutants are reported as such and left out of the score (bench/results.md).
// No import of @stryker-mutator/api: a plugin is a plain { kind, name, value } object.

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'child']);
const LOGGERS = new Set(['log', 'logger']);

/** `log`, `logger`, or any `….log` / `….logger` member (`req.log`, `ctx.logger`, `deps.logger`). */
const isLogger = (node) =>
  (node.type === 'Identifier' && LOGGERS.has(node.name)) ||
  (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && LOGGERS.has(node.property.name));

const isLogCall = (node) => {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property, computed } = node.callee;
  if (!isLogger(object)) return false;
  // log[refusal ? 'info' : 'error'](...): the level chosen at run time.
  return computed || (property.type === 'Identifier' && LEVELS.has(property.name));
};

export const strykerPlugins = [
  {
    kind: 'Ignore',
    name: 'logging',
    value: {
      shouldIgnore(path) {
        return isLogCall(path.node) ? 'A log line: its words and fields are not behaviour (stryker-plugins/ignore-logging.mjs).' : undefined;
      },
    },
  },
];
