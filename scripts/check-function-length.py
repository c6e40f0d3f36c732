#!/usr/bin/env python3
"""Lists functions longer than a limit in the given C++ sources (default limit 80 lines).

A function is a body that opens with '{' at the end of a signature line and closes with '}'
at the same indentation; lambdas and class bodies inside it count towards it. Exit 1 when
any function is over the limit, so CI can run it over core/.
"""
import re
import sys
from pathlib import Path

LIMIT = 80
SIG = re.compile(r'^(\s*)(?=\S)(?!(?:if|for|while|switch|else|do|namespace|class|struct|enum|union)\b)'
                 r'[^;{}]*\)\s*(?:const\s*)?(?:override\s*)?(?:noexcept\s*)?(?:->\s*[^{]+)?\{?\s*$')


def declaration_start(lines, i):
    """The first line of a declaration whose last line is lines[i] (a wrapped parameter list)."""
    while i > 0 and lines[i - 1].rstrip().endswith((',', '(')):
        i -= 1
    return i


def functions(path: Path):
    lines = path.read_text(encoding='utf-8', errors='replace').splitlines()
    i = 0
    while i < len(lines):
        m = SIG.match(lines[i])
        start = declaration_start(lines, i) if m else i
        first = lines[start].lstrip()
        # A signature starts with a name (or '~', or an attribute); continuation lines of a
        # condition ('&& x) {') are not signatures.
        if m and re.match(r'[A-Za-z_~\[]', first) and not first.startswith('return'):
            indent = re.match(r'\s*', lines[start]).group(0)
            j = i if lines[i].rstrip().endswith('{') else i + 1
            if j < len(lines) and lines[j].strip() in ('{',) or lines[i].rstrip().endswith('{'):
                # find the closing brace at the indentation of the declaration's first line
                k = j + 1
                while k < len(lines) and not (lines[k].startswith(indent + '}') and
                                              not lines[k].startswith(indent + ' ')):
                    k += 1
                if k < len(lines):
                    yield lines[start].strip(), start + 1, k - start + 1
                    i = k
        i += 1


def main(argv):
    limit = LIMIT
    paths = []
    for a in argv:
        if a.startswith('--limit='):
            limit = int(a.split('=', 1)[1])
        else:
            paths.append(Path(a))
    files = []
    for p in paths:
        files += sorted(p.rglob('*.cpp')) if p.is_dir() else [p]
    over = []
    for f in files:
        for sig, line, length in functions(f):
            if length > limit:
                over.append((length, f'{f}:{line}', sig))
    for length, where, sig in sorted(over, reverse=True):
        print(f'{length:5d}  {where}  {sig[:90]}')
    if over:
        print(f'{len(over)} function(s) over {limit} lines', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
