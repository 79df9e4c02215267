"""No import loop among the project's modules, counting imports inside functions too (grimp reads
every import statement of a module, wherever it stands). A loop means two modules cannot be
understood, tested or moved apart; the fix is a lower module both can use."""

import grimp

# Every package of the project, in one graph, so that a loop across two apps is found too.
PACKAGES = [
    "config",
    "core",
    "home",
    "news",
    "campaigns",
    "publications",
    "identification",
    "referrals",
    "users",
    "operations",
    "demo",
]


def strongly_connected(graph):
    """The groups of modules that import each other, directly or around a loop (Tarjan's
    algorithm, iterative so that a deep package cannot exhaust the recursion limit)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == module:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_no_import_loop():
    groups = strongly_connected(grimp.build_graph(*PACKAGES, include_external_packages=False))
    assert not groups, "modules that import each other:\n" + "\n".join(
        " <-> ".join(group) for group in groups
    )


def test_a_loop_is_found():
    """The check itself: a graph with a loop of three and a lone module reports the three."""

    class Graph:
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
        modules = set(edges)

        def find_modules_directly_imported_by(self, module):
            return self.edges[module]

    assert strongly_connected(Graph()) == [["a", "b", "c"]]
