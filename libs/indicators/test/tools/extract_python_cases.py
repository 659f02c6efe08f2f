#!/usr/bin/env python3
"""
Pull (input, expected) pairs out of the pytest/unittest files of ioc-fanger and iocextract without running them.
Only literal strings are taken: `s = "…"; assert fang(s) == "…"`, `assert fang("…") == "…"`, `fang(s) == s`,
`data = fang(s); assert data == "…"`, module-level and @parametrize lists of pairs, and
`for content in [...]: assertEqual(refang_x(content), "…")` loops.

usage: extract_python_cases.py <file.py> <function: fang|refang_data|refang_email|refang_ipv4|extract_ips|…>
prints one JSON object per case: {"input", "fanged"} or {"input", "alone": true}; "test" names the test function.
"""
import ast
import json
import sys


def const(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = const(node.left), const(node.right)
        return a + b if a is not None and b is not None else None
    return None


def call_name(node):
    if isinstance(node, ast.Call):
        f = node.func
        return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
    return None


def unwrap_list0(node):
    """list(extract_ips(x, refang=True))[0] -> the inner call."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call) and call_name(node.value) == 'list':
        return node.value.args[0]
    return node


def comparisons(node):
    if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare) and isinstance(node.test.ops[0], ast.Eq):
        yield node.test.left, node.test.comparators[0]
    if isinstance(node, ast.Call) and call_name(node) == 'assertEqual' and len(node.args) == 2:
        yield node.args[0], node.args[1]


def in_order(root):
    return sorted((n for n in ast.walk(root) if hasattr(n, 'lineno')), key=lambda n: (n.lineno, n.col_offset))


def cases_in(func, fn, out):
    lists, strings, results, loop_of = {}, {}, {}, {}
    for node in in_order(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if const(node.value) is not None:
                strings[name] = const(node.value)
            elif isinstance(node.value, ast.List) and all(const(e) is not None for e in node.value.elts):
                lists[name] = [const(e) for e in node.value.elts]
            elif call_name(node.value) == fn:
                results[name] = node.value
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
            it = node.iter
            items = lists.get(it.id) if isinstance(it, ast.Name) else [const(e) for e in it.elts] if isinstance(it, ast.List) else None
            if items is not None:
                for inner in ast.walk(node):
                    loop_of[id(inner)] = (node.target.id, items)
        for left, right in comparisons(node):
            if isinstance(left, ast.Name) and left.id in results:
                left = results[left.id]
            call = unwrap_list0(left)
            if call_name(call) != fn or not call.args:
                continue
            arg = call.args[0]
            if const(arg) is not None:
                inputs = [const(arg)]
            elif isinstance(arg, ast.Name) and id(node) in loop_of and loop_of[id(node)][0] == arg.id:
                inputs = loop_of[id(node)][1]
            elif isinstance(arg, ast.Name) and arg.id in strings:
                inputs = [strings[arg.id]]
            else:
                continue
            for inp in inputs:
                if isinstance(right, ast.Name) and isinstance(arg, ast.Name) and right.id == arg.id:
                    exp = inp
                elif const(right) is not None:
                    exp = const(right)
                elif isinstance(right, ast.Name) and right.id in strings:
                    exp = strings[right.id]
                else:
                    continue
                out.append({'input': inp, 'alone': True} if exp == inp else {'input': inp, 'fanged': exp})
                out[-1]['test'] = func.name


def pairs_in_list(lst, name, out):
    for e in lst.elts:
        if isinstance(e, ast.Tuple) and len(e.elts) == 2 and const(e.elts[0]) is not None and const(e.elts[1]) is not None:
            a, b = const(e.elts[0]), const(e.elts[1])
            out.append({'input': a, 'alone': True, 'test': name} if a == b else {'input': a, 'fanged': b, 'test': name})
        elif const(e) is not None:
            out.append({'input': const(e), 'alone': True, 'test': name})


def main(path, fn):
    tree = ast.parse(open(path, encoding='utf-8').read())
    out = []
    for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        cases_in(func, fn, out)
        for d in func.decorator_list:
            if isinstance(d, ast.Call) and call_name(d) == 'parametrize' and len(d.args) == 2 and isinstance(d.args[1], ast.List):
                pairs_in_list(d.args[1], func.name, out)
    if fn == 'fang':  # conftest.py: DEFANG_TO_FANG_PAIRS and ALREADY_FANGED_STRINGS feed test_fanging and the pass-through test
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
                pairs_in_list(node.value, getattr(node.targets[0], 'id', '?'), out)
    seen = set()
    for c in out:
        key = json.dumps(c, sort_keys=True)
        if key not in seen:
            seen.add(key)
            print(json.dumps(c, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
