/**
 * Commander's own words in the CLI's language: the help's headings ("Usage:", "Options:"…), the
 * "(choices: …)"/"(default: …)" notes, the help option and command, and its usage errors (unknown
 * option, missing argument…). Commander builds those sentences in English inside; the documented
 * hooks (configureHelp, helpOption, helpCommand, showHelpAfterError, error) let us say them from the
 * catalogue (`cliCmd.help`, `cliCmd.usage`). An error whose English shape we do not know is left as
 * commander said it (a newer commander's new sentence), with our prefix.
 */
import { Help, type Argument, type Command, type Option } from 'commander';
import type { CliT } from './cli-language.js';
import { allCommands } from './program.js';

const HEADINGS: Record<string, string> = {
  'Usage:': 'usage',
  'Arguments:': 'arguments',
  'Options:': 'options',
  'Global Options:': 'globalOptions',
  'Commands:': 'commands',
};

/** "(choices: …, default: …)" after a description, as commander says it, in the CLI's language. */
function withNotes(
  t: CliT,
  description: string,
  choices: readonly string[] | undefined,
  fallback: { show: boolean; value: unknown; said?: string | undefined },
): string {
  const notes: string[] = [];
  if (choices)
    notes.push(t('cliCmd.help.choices', { values: choices.map((c) => JSON.stringify(c)).join(', ') }));
  if (fallback.show && fallback.value !== undefined)
    notes.push(t('cliCmd.help.default', { value: fallback.said || JSON.stringify(fallback.value) }));
  if (notes.length === 0) return description;
  return description ? `${description} (${notes.join(', ')})` : `(${notes.join(', ')})`;
}

export function helpConfiguration(t: CliT): Partial<Help> {
  const plain = new Help();
  // "[options]" and "[command]" in a usage line or a command's term; argument names stay as typed.
  const usageWords = (s: string) =>
    s
      .split(' ')
      .map((w) =>
        w === '[options]'
          ? t('cliCmd.help.usageWord.options')
          : w === '[command]'
            ? t('cliCmd.help.usageWord.command')
            : w,
      )
      .join(' ');
  return {
    showGlobalOptions: true,
    styleTitle: (s: string) => {
      const key = HEADINGS[s];
      return key ? t(`cliCmd.help.heading.${key}`) : s;
    },
    styleUsage: usageWords,
    subcommandTerm: (c: Command) => usageWords(plain.subcommandTerm(c)),
    optionDescription: (o: Option) =>
      withNotes(t, o.description, o.argChoices, {
        // Commander's rule: a default is worth saying for options that take a value.
        show: o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean'),
        value: o.defaultValue,
        said: o.defaultValueDescription,
      }),
    argumentDescription: (a: Argument) =>
      withNotes(t, a.description, a.argChoices, {
        show: true,
        value: a.defaultValue,
        said: a.defaultValueDescription,
      }),
  };
}

type Rule = [RegExp, (m: RegExpExecArray, t: CliT) => string];

/** Commander's usage errors by code: the English shape it builds, and our sentence for it. */
const RULES: Record<string, Rule> = {
  'commander.unknownOption': [
    /^unknown option '(.*)'$/,
    (m, t) => t('cliCmd.usage.unknownOption', { flag: m[1] }),
  ],
  'commander.unknownCommand': [
    /^unknown command '(.*)'$/,
    (m, t) => t('cliCmd.usage.unknownCommand', { name: m[1] }),
  ],
  'commander.missingArgument': [
    /^missing required argument '(.*)'$/,
    (m, t) => t('cliCmd.usage.missingArgument', { name: m[1] }),
  ],
  'commander.optionMissingArgument': [
    /^option '(.*)' argument missing$/,
    (m, t) => t('cliCmd.usage.optionMissingArgument', { flags: m[1] }),
  ],
  'commander.missingMandatoryOptionValue': [
    /^required option '(.*)' not specified$/,
    (m, t) => t('cliCmd.usage.missingMandatoryOption', { flags: m[1] }),
  ],
  'commander.excessArguments': [
    /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m, t) =>
      t(m[1] === undefined ? 'cliCmd.usage.excessArguments' : 'cliCmd.usage.excessArgumentsFor', {
        command: m[1],
        count: Number(m[2]),
        got: Number(m[3]),
      }),
  ],
  'commander.invalidArgument': [
    /^(?:option '(.*?)' argument '(.*)' is invalid\.|command-argument value '(.*)' is invalid for argument '(.*?)'\.)(?: ([\s\S]*))?$/,
    (m, t) => {
      const why = choicesSaid(m[5] ?? '', t);
      return m[1] !== undefined
        ? t('cliCmd.usage.invalidOption', { flags: m[1], value: m[2], why })
        : t('cliCmd.usage.invalidArgument', { value: m[3], name: m[4], why });
    },
  ],
};

/** Commander's "Allowed choices are a, b." (our own parsers' reasons are already in the language). */
function choicesSaid(why: string, t: CliT): string {
  const m = /^Allowed choices are (.*)\.$/.exec(why);
  return m ? t('cliCmd.usage.choices', { choices: m[1] }) : why;
}

/** "(Did you mean --wait?)", commander's suggestion line, in the CLI's language. */
function suggestionSaid(line: string, t: CliT): string {
  const many = /^\(Did you mean one of (.*)\?\)$/.exec(line);
  if (many) return t('cliCmd.usage.didYouMeanOneOf', { what: many[1] });
  const one = /^\(Did you mean (.*)\?\)$/.exec(line);
  return one ? t('cliCmd.usage.didYouMean', { what: one[1] }) : line;
}

/** A commander error message ("error: unknown option '--x'\n(Did you mean --y?)") in the CLI's language. */
export function commanderMessage(message: string, code: string | undefined, t: CliT): string {
  const [first = '', ...rest] = message.replace(/^error: /, '').split('\n');
  const rule = code ? RULES[code] : undefined;
  const m = rule?.[0].exec(first);
  const said = rule && m ? rule[1](m, t) : first;
  return [`${t('cli.errorPrefix')}: ${said}`, ...rest.map((l) => suggestionSaid(l, t))].join('\n');
}

export interface Capture {
  out: string[];
  err: string[];
}

/**
 * Makes every command of the tree throw instead of exiting. With words (`t`): commander's texts in
 * the CLI's language. Without: everything commander would print is kept in `capture` (the silent
 * first parse: only `--version`'s line is ever printed from it).
 */
export function dressProgram(program: Command, t: CliT | undefined, capture?: Capture): void {
  for (const c of allCommands(program)) {
    c.exitOverride();
    if (capture) {
      c.configureOutput({
        writeOut: (s) => void capture.out.push(s),
        writeErr: (s) => void capture.err.push(s),
      });
    }
    if (!t) {
      c.configureHelp({ showGlobalOptions: true });
      continue;
    }
    c.configureHelp(helpConfiguration(t));
    c.showHelpAfterError(t('cliCmd.help.afterError'));
    c.helpOption('-h, --help', t('cliCmd.help.helpOption'));
    if (c.commands.length > 0) c.helpCommand('help [command]', t('cliCmd.help.helpCommand'));
    const error = c.error.bind(c);
    c.error = (message: string, options?: { code?: string; exitCode?: number }) =>
      error(commanderMessage(message, options?.code, t), options);
  }
}
