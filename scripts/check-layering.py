#!/usr/bin/env python3
"""The layering check (docs/layering.md): proves on the built objects that
nothing mm/ or arch/*/mm can reach by direct calls or by an address it
takes reaches the kernel heap, and that mm/ names nothing only fs/ defines.

  check-layering.py --objdump OBJDUMP --base DIR --label TEXT
                    [--control OBJ] [--allow FILE] OBJ...

The objects are the whole kernel (every one linked into kernel.elf), named
relative to DIR so that their folder tells their layer. The graph is built
from each object's relocations and resolved branches (scripts/elfrefs.py);
calls through a function pointer loaded at run time are not in it, which
is why the page cache's pager interface is the one sanctioned indirect edge.
A failure prints the path, e.g. "vmm_fault -> helper_x -> kmalloc".
With --control, the check also requires that the object given reaches the
heap (kernel/main.o calls kheap_init), so a graph that lost its edges
cannot pass. With --allow, the file lists edges the walk does not follow
("caller -> callee", one a line, each with its reason in a # comment):
direct edges the design sanctions after review (docs/layering.md). Each
must still exist in the graph, so the list cannot outlive its reason.
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elfrefs import ObjectRefs  # noqa: E402

HEAP_NAME = re.compile(r"^(kmalloc|kfree|kzalloc|krealloc|kheap_\w+)$")
HEAP_OBJECT = "mm/kheap.o"
MAX_PATHS = 8


def below_heap(rel):
    """mm/ (all but the heap itself) and every port's MMU backend."""
    return (rel.startswith("mm/") and rel != HEAP_OBJECT) or re.match(r"^arch/[^/]+/mm/", rel)


def load(objs, base, objdump):
    return [ObjectRefs(o, os.path.relpath(o, base), objdump) for o in objs]


def heap_nodes(refs):
    nodes = {n for r in refs if r.rel == HEAP_OBJECT for n in r.nodes}
    nodes |= {n for r in refs for (a, b) in r.edges for n in (a, b) if HEAP_NAME.match(n)}
    return nodes


def shortest_paths(graph, roots, targets):
    """Breadth-first from every root at once; one shortest path per target reached."""
    parent = {r: None for r in roots}
    queue = collections.deque(sorted(roots))
    found = []
    while queue:
        node = queue.popleft()
        if node in targets:
            found.append(node)
            continue                                       # the heap's insides do not matter
        for nxt in sorted(graph.get(node, ())):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    paths = []
    for node in found:
        path = []
        while node is not None:
            path.append(node)
            node = parent[node]
        paths.append(path[::-1])
    return paths, len(parent)


def pretty(node):
    """helper_x, or a static one as name[object]."""
    name, _, obj = node.partition("@")
    return f"{name}[{obj}]" if obj else name


def check_heap(refs, graph, roots):
    paths, reached = shortest_paths(graph, roots, heap_nodes(refs))
    for p in sorted(paths, key=len)[:MAX_PATHS]:
        print("  reaches the heap: " + " -> ".join(pretty(n) for n in p))
    return not paths, reached


def check_fs_names(refs):
    """mm/ may reach fs/ only through a pointer fs/ hands it, never by name."""
    fs_defined = {n for r in refs if r.rel.startswith("fs/") for n in r.defined}
    elsewhere = {n for r in refs if not r.rel.startswith("fs/") for n in r.defined}
    ok = True
    for r in refs:
        if not below_heap(r.rel):
            continue
        for a, b in sorted(r.edges):
            if b in fs_defined - elsewhere:
                print(f"  {r.rel} names a symbol of fs/: {pretty(a)} -> {b}")
                ok = False
    return ok


def check_control(refs, graph, rel):
    roots = {n for r in refs if r.rel == rel for n in r.nodes}
    if not roots:
        print(f"  control object {rel} not among the objects")
        return False
    paths, _ = shortest_paths(graph, roots, heap_nodes(refs))
    if not paths:
        print(f"  control failed: the graph finds no path from {rel} to the heap")
    return bool(paths)


def read_allowed(path):
    """{(caller, callee)} from "caller -> callee  # why" lines."""
    allowed = set()
    for line in open(path):
        line = line.split("#", 1)[0].strip()
        if line:
            frm, _, to = line.partition("->")
            allowed.add((frm.strip(), to.strip()))
    return allowed


def cut_allowed(graph, allowed):
    """Removes the allowed edges; true when every one was there."""
    ok = True
    named = {(pretty(a), pretty(b)): (a, b) for a, tos in graph.items() for b in tos}
    for frm, to in sorted(allowed):
        edge = named.get((frm, to))
        if edge is None:
            print(f"  allowed edge {frm} -> {to} is not in the graph: remove it from the list")
            ok = False
        else:
            graph[edge[0]].discard(edge[1])
            print(f"  allowed edge, not followed: {frm} -> {to}")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--objdump", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--control")
    ap.add_argument("--allow")
    ap.add_argument("objs", nargs="+")
    a = ap.parse_args()
    refs = load(a.objs, a.base, a.objdump)
    graph = collections.defaultdict(set)
    for r in refs:
        for frm, to in r.edges:
            graph[frm].add(to)
    allow_ok = cut_allowed(graph, read_allowed(a.allow)) if a.allow else True
    roots = {n for r in refs if below_heap(r.rel) for n in r.nodes}
    nroot = sum(1 for r in refs if below_heap(r.rel))
    if not roots:
        print("  no object of mm/ or arch/*/mm among the objects")
    heap_ok, reached = check_heap(refs, graph, roots)
    fs_ok = check_fs_names(refs)
    ok = bool(roots) and heap_ok and fs_ok and allow_ok
    if a.control:
        ok = check_control(refs, graph, a.control) and ok
    verdict = "ok" if ok else "FAIL"
    print(f"{verdict} - {a.label}: nothing that {nroot} objects of mm/ and arch/*/mm reach "
          f"calls the heap or names fs/ ({reached} nodes reached of {len(graph)}, "
          f"{len(refs)} objects)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
