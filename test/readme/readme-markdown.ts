/**
 * Reading README.md's fenced shell blocks as a reader would paste them: one command per line (or per
 * run of lines joined by a trailing backslash), its trailing comment saying what it should do.
 */

export interface Fence {
  /** The `## ` section the block is in (### subsections count as their section). */
  section: string;
  /** The info string: `sh`, `text`, ... */
  lang: string;
  /** 1-based README line of the block's first content line. */
  line: number;
  lines: string[];
}

export interface ReadmeCommand {
  /** 1-based README line where the command starts. */
  line: number;
  /** The command as written, its lines joined by the trailing backslashes kept. */
  text: string;
  /** `# exit N` in its comment; 0 when the comment says nothing of it. */
  exit: number;
  /** The "quoted" fragments of its comment after `exit N`: what its output must contain. */
  says: string[];
}

export function fencesOf(markdown: string): Fence[] {
  const fences: Fence[] = [];
  let section = '';
  let open: Fence | null = null;
  markdown.split('\n').forEach((text, index) => {
    if (open) {
      if (/^```\s*$/.test(text)) {
        fences.push(open);
        open = null;
      } else open.lines.push(text);
      return;
    }
    const heading = /^## (.+?)\s*$/.exec(text);
    if (heading) section = heading[1];
    const fence = /^```(\S*)\s*$/.exec(text);
    if (fence) open = { section, lang: fence[1], line: index + 2, lines: [] };
  });
  if (open) throw new Error(`README: the block opened at line ${(open as Fence).line - 1} is never closed`);
  return fences;
}

/** Scans shell text: whether a quote is left open at its end, and where its unquoted comments are. */
function scan(text: string): { open: boolean; comments: { from: number; to: number }[] } {
  let quote: "'" | '"' | null = null;
  const comments: { from: number; to: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const to = text.indexOf('\n', i);
      comments.push({ from: i, to: to < 0 ? text.length : to });
      i = to < 0 ? text.length : to - 1;
    }
  }
  return { open: quote !== null, comments };
}

/**
 * The block's commands: a line, joined with the next while it ends in a backslash or leaves a quote
 * open. A comment on its last line may say `exit N` and quote what it prints.
 */
export function commandsOf(fence: Fence): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  for (let i = 0; i < fence.lines.length; i++) {
    const start = i;
    let text = fence.lines[i];
    let scanned = scan(text);
    while ((scanned.open || /\\\s*$/.test(fence.lines[i])) && i + 1 < fence.lines.length) {
      text += '\n' + fence.lines[++i];
      scanned = scan(text);
    }
    if (scanned.open) throw new Error(`README line ${fence.line + start}: a quote opened here is never closed`);
    let code = text;
    for (const c of [...scanned.comments].reverse()) code = code.slice(0, c.from) + code.slice(c.to);
    if (code.trim() === '') continue; // a blank or comment-only line
    const lastLineStart = text.lastIndexOf('\n') + 1;
    const last = scanned.comments.find((c) => c.from >= lastLineStart);
    const comment = last ? text.slice(last.from, last.to) : '';
    const exit = /\bexit (\d+)\b/.exec(comment);
    const says = exit ? [...comment.slice(exit.index).matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
    commands.push({ line: fence.line + start, text, exit: exit ? Number(exit[1]) : 0, says });
  }
  return commands;
}

/** A shown line as a pattern: `…` stands for anything. */
export function shownLinePattern(shown: string): RegExp {
  return new RegExp(
    `^${shown
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/**
 * Whether `output` shows the `shown` lines in order (a line of only `…` stands for lines left out);
 * returns the first shown line it does not find, or null.
 */
export function missingShownLine(shown: string[], output: string): string | null {
  const lines = output.split('\n');
  let at = 0;
  for (const line of shown) {
    if (line.trim() === '…' || line.trim() === '') continue;
    const pattern = shownLinePattern(line);
    while (at < lines.length && !pattern.test(lines[at])) at++;
    if (at === lines.length) return line;
    at++;
  }
  return null;
}
