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


def functions(path: Path):
    lines = path.read_text(encoding='utf-8', errors='replace').splitlines()
    i = 0
    while i < len(lines):
        m = SIG.match(lines[i])
        # A signature starts with a name (or '~', or an attribute); continuation lines of a
        # condition ('&& x) {') are not signatures.
        if m and re.match(r'[A-Za-z_~\[]', lines[i].lstrip()) and not lines[i].lstrip().startswith('return'):
            indent = m.group(1)
            j = i if lines[i].rstrip().endswith('{') else i + 1
            if j < len(lines) and lines[j].strip() in ('{',) or lines[i].rstrip().endswith('{'):
                # find the closing brace at the same indentation
                k = j + 1
                while k < len(lines) and not (lines[k].startswith(indent + '}') and
                                              not lines[k].startswith(indent + ' ')):
                    k += 1
                if k < len(lines):
                    yield lines[i].strip(), i + 1, k - i + 1
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
