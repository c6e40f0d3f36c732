#!/usr/bin/env python3
"""Lists functions longer than a limit in the given C++ sources (default limit 80 lines).

usage: check-function-length.py [--limit=N] [--count-tables] PATH...
       check-function-length.py --self-test
A PATH that is a folder stands for every .cpp and .h below it.

How it reads C++ (a heuristic, not a compiler): comments, string and character literals
(raw strings too) and preprocessor lines are blanked first, so braces inside them do not count.
Then it follows the braces: at namespace or class level a '{' opens a function body when the text
before it ends in a parameter list (with qualifiers, a trailing return type or a constructor's
initialiser list); a class, struct, union, enum or namespace opens a scope it looks into; any other
'{' (a variable's initialiser) is data. Everything inside a function body, lambdas and local classes
included, counts towards that function. A function's length runs from the line of its name to the
line of its closing brace.

A pure data table is not counted as a long function, and is listed apart: a body that holds only
`static` declarations initialised from braces, without any parenthesis (so no call, no condition,
no lambda), followed by `return NAME;`. --count-tables counts them like any other function.

Exit 1 when any function is over the limit, so CI can run it over core/ and cli/.
"""
import re
import sys
from pathlib import Path

LIMIT = 80

QUALIFIERS = (r'(?:\s*(?:const|volatile|&&|&|override|final|mutable|constexpr'
              r'|noexcept\s*(?:\([^()]*\))?|throw\s*\(\s*\)))*')
TRAILING_RETURN = r'(?:\s*->\s*[^{};=]+?)?'
REQUIRES = r'(?:\s*requires\b[^{};]*)?'
FUNCTION_HEAD = re.compile(r'^(.*?\))' + QUALIFIERS + TRAILING_RETURN + REQUIRES + r'\s*$', re.S)
CONSTRUCTOR_COLON = re.compile(r'\)\s*(?:noexcept\s*)?(?<!:):(?!:)')
NAMESPACE_HEAD = re.compile(r'(?:\bnamespace(?:\s+[\w:]+)?|\bextern\s+"\s*")\s*$')
CLASS_HEAD = re.compile(r'\b(?:class|struct|union)\b[^=(){};]*$')
ENUM_HEAD = re.compile(r'\benum\b[^=(){};]*$')
ACCESS_LABEL = re.compile(r'\s*(?:(?:public|protected|private)(?:\s+(?:slots|Q_SLOTS))?|signals|Q_SIGNALS)\s*')
IDENT_CHAR = re.compile(r'[\w]')


def blank(chars, start, end):
    """Replaces chars[start:end] by spaces, keeping line breaks so line numbers stay."""
    for k in range(start, end):
        if chars[k] != '\n':
            chars[k] = ' '


def sanitize(text):
    """The source with comments, literal contents and preprocessor lines blanked (quotes kept)."""
    chars = list(text)
    n = len(text)
    i = 0
    line_start = True  # only white space so far on this line
    while i < n:
        c = text[i]
        if c == '\n':
            line_start = True
            i += 1
            continue
        if c in ' \t\r':
            i += 1
            continue
        if text.startswith('//', i):
            end = text.find('\n', i)
            end = n if end < 0 else end
            blank(chars, i, end)
            i = end
            continue
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            blank(chars, i, end)
            i = end
            continue
        if c == '#' and line_start:
            end = i
            while True:
                nl = text.find('\n', end)
                if nl < 0:
                    end = n
                    break
                if text[nl - 1] == '\\':
                    end = nl + 1
                    continue
                end = nl
                break
            blank(chars, i, end)
            i = end
            continue
        line_start = False
        if c == '"':
            raw = text[i - 1] == 'R' if i > 0 else False
            if raw:
                prefix_start = i - 1
                while prefix_start > 0 and IDENT_CHAR.match(text[prefix_start - 1]):
                    prefix_start -= 1
                raw = text[prefix_start:i] in ('R', 'uR', 'u8R', 'UR', 'LR')
            if raw:
                paren = text.find('(', i)
                delimiter = ')' + text[i + 1:paren] + '"'
                end = text.find(delimiter, paren)
                end = n if end < 0 else end + len(delimiter)
                blank(chars, i + 1, end - 1)
                i = end
                continue
            k = i + 1
            while k < n and text[k] != '"' and text[k] != '\n':
                k += 2 if text[k] == '\\' else 1
            blank(chars, i + 1, min(k, n))
            i = k + 1
            continue
        if c == "'":
            # A digit separator (1'000) is part of a number, not a character literal.
            start = i
            while start > 0 and re.match(r"[\w'.]", text[start - 1]):
                start -= 1
            if start < i and text[start].isdigit():
                i += 1
                continue
            k = i + 1
            while k < n and text[k] != "'" and text[k] != '\n':
                k += 2 if text[k] == '\\' else 1
            blank(chars, i + 1, min(k, n))
            i = k + 1
            continue
        i += 1
    return ''.join(chars)


def classify(head):
    """What a '{' at namespace or class level opens, from the text since the last declaration."""
    if NAMESPACE_HEAD.search(head):
        return 'scope'
    if CLASS_HEAD.search(head):
        return 'scope'
    if ENUM_HEAD.search(head):
        return 'data'
    stripped = head.rstrip()
    if FUNCTION_HEAD.match(stripped):
        return 'function'
    if CONSTRUCTOR_COLON.search(stripped) and stripped.endswith(('}', ')')):
        return 'function'
    return 'data'


def name_offset(head):
    """Offset within head of the end of the function's name (just before its parameter list)."""
    stripped = head.rstrip()
    colon = CONSTRUCTOR_COLON.search(stripped)
    if colon:
        core = stripped[:colon.start() + 1]
    else:
        core = FUNCTION_HEAD.match(stripped).group(1)
    depth = 0
    for k in range(len(core) - 1, -1, -1):
        if core[k] == ')':
            depth += 1
        elif core[k] == '(':
            depth -= 1
            if depth == 0:
                k -= 1
                while k > 0 and core[k].isspace():
                    k -= 1
                return max(k, 0)
    return len(head) - len(head.lstrip())


def is_data_table(body):
    """True for a body that only declares static tables from braced literals and returns one."""
    if '(' in body or ')' in body:
        return False
    statements = []
    depth = 0
    current = []
    for c in body:
        if c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
        if c == ';' and depth == 0:
            statements.append(''.join(current).strip())
            current = []
        elif c == ';':
            return False  # a statement inside braces: code, not data
        else:
            current.append(c)
    if ''.join(current).strip():
        return False
    if len(statements) < 2 or not re.fullmatch(r'return\s+\w+', statements[-1]):
        return False
    for statement in statements[:-1]:
        if not statement.startswith('static') or '{' not in statement or re.search(r'\breturn\b', statement):
            return False
    return True


def line_of(line_starts, offset):
    lo, hi = 0, len(line_starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def functions(path: Path):
    """(signature line, first line, length, is data table) for each function body in the file."""
    text = path.read_text(encoding='utf-8', errors='replace')
    lines = text.splitlines()
    code = sanitize(text)
    line_starts = [0] + [m.end() for m in re.finditer('\n', code)]
    # Each entry: [kind, head start (scope), open offset, depth (function/data), start line (function)]
    stack = [['scope', 0, -1, 0, 0]]
    for i, c in enumerate(code):
        top = stack[-1]
        kind = top[0]
        if kind in ('function', 'data'):
            if c == '{':
                top[3] += 1
            elif c == '}':
                if top[3] > 0:
                    top[3] -= 1
                    continue
                stack.pop()
                if kind == 'function':
                    first = top[4]
                    last = line_of(line_starts, i)
                    yield lines[first - 1].strip(), first, last - first + 1, is_data_table(code[top[2] + 1:i])
                    stack[-1][1] = i + 1
                # a data brace (an initialiser) stays part of the declaration around it
            continue
        if c == ';':
            top[1] = i + 1
        elif c == ':' and code[i - 1:i] != ':' and code[i + 1:i + 2] != ':' \
                and ACCESS_LABEL.fullmatch(code[top[1]:i]):
            top[1] = i + 1
        elif c == '{':
            head = code[top[1]:i]
            opened = classify(head)
            if opened == 'function':
                first = line_of(line_starts, top[1] + name_offset(head))
                stack.append(['function', 0, i, 0, first])
            elif opened == 'data':
                stack.append(['data', 0, i, 0, 0])
            else:
                stack.append(['scope', i + 1, i, 0, 0])
        elif c == '}' and len(stack) > 1:
            stack.pop()
            stack[-1][1] = i + 1


SELF_TEST = {
    # name: (source, expected [(first line, length, is data table)])
    'long function and its lambda': (
        'void f()\n{\n    auto g = [] {\n        if (true) {\n' + '        x();\n' * 90 + '        }\n    };\n}\n',
        [(1, 97, False)]),
    'multi-line condition and signature': (
        'Error make(int a,\n           int b)\n{\n    if (a\n        || b) {\n        return {};\n    }\n    return {};\n}\n',
        [(1, 9, False)]),
    'braces in literals and comments': (
        'int f()\n{\n    // }\n    const char *s = "}{";\n    char c = \'}\';\n'
        '    auto r = R"x(}})x";\n    /* } */\n    return 1\'000;\n}\n',
        [(1, 9, False)]),
    'constructor with initialiser list': (
        'Foo::Foo(int a)\n    : m_a(a)\n    , m_b{a}\n{\n    run();\n}\n',
        [(1, 6, False)]),
    'class members and namespace': (
        'namespace N {\nclass C\n{\npublic:\n    int f() const { return 1; }\n    static const int t[] = {1, 2};\n};\n}\n',
        [(5, 1, False)]),
    'data table': (
        'const QStringList &keys()\n{\n    static const QStringList k{u"a"_s,\n u"b"_s};\n    return k;\n}\n',
        [(1, 6, True)]),
    'not a data table when it calls': (
        'const QStringList &keys()\n{\n    static const QStringList k{tr("a")};\n    return k;\n}\n',
        [(1, 5, False)]),
}


def self_test():
    import tempfile
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name, (source, expected) in SELF_TEST.items():
            path = Path(scratch) / 'case.cpp'
            path.write_text(source, encoding='utf-8')
            found = [(line, length, table) for _, line, length, table in functions(path)]
            if found != expected:
                print(f'self-test "{name}": expected {expected}, found {found}', file=sys.stderr)
                failures += 1
    if failures:
        return 1
    print(f'self-test: {len(SELF_TEST)} cases pass')
    return 0


def main(argv):
    limit = LIMIT
    count_tables = False
    paths = []
    for a in argv:
        if a.startswith('--limit='):
            limit = int(a.split('=', 1)[1])
        elif a == '--count-tables':
            count_tables = True
        elif a == '--self-test':
            return self_test()
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            paths.append(Path(a))
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    files = []
    for p in paths:
        files += sorted(list(p.rglob('*.cpp')) + list(p.rglob('*.h'))) if p.is_dir() else [p]
    over = []
    tables = []
    for f in files:
        for sig, line, length, table in functions(f):
            if length > limit:
                (tables if table and not count_tables else over).append((length, f'{f}:{line}', sig))
    for length, where, sig in sorted(over, reverse=True):
        print(f'{length:5d}  {where}  {sig[:90]}')
    if tables:
        print(f'data tables over {limit} lines, not counted (only static braced literals and a return):')
        for length, where, sig in sorted(tables, reverse=True):
            print(f'{length:5d}  {where}  {sig[:90]}')
    if over:
        print(f'{len(over)} function(s) over {limit} lines', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
