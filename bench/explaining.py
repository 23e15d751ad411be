"""What the benchmarks print with --explain: the queries of one request, slowest first."""

import re

from django.db import connection, transaction


def explain(queries, top):
    """Django times queries to the millisecond only, so on PostgreSQL every SELECT (also one
    starting with WITH, or a server-side cursor's) runs again with EXPLAIN ANALYZE, the list is
    ordered by the server's execution time, and the ``top`` slowest plans are printed."""
    total = sum(float(query["time"]) for query in queries) * 1000
    print(f"    {len(queries)} queries, {total:.0f} ms in SQL (as Django times them)")
    if connection.vendor != "postgresql":
        for query in sorted(queries, key=lambda query: -float(query["time"])):
            print(f"      {float(query['time']) * 1000:6.1f} ms  {query['sql'][:110]}")
        print()
        return
    plans = []
    # One transaction, in the request's order: settings a query makes for its transaction
    # (the search's planner settings) hold for the queries after it, as in the request.
    with transaction.atomic():
        _run_plans(queries, plans)
    plans.sort(key=lambda plan: -plan[0])
    print(f"    on the server, {sum(max(0, plan[0]) for plan in plans):.2f} ms in all:")
    for executed, sql, _lines in plans:
        timing = f"{executed:7.2f} ms" if executed >= 0 else "      – ms"
        print(f"      {timing}  {' '.join(sql.split())[:110]}")
    for executed, sql, lines in plans[:top]:
        print(f"\n    EXPLAIN ANALYZE ({executed:.2f} ms):\n      {sql}")
        for line in lines:
            print(f"      {line}")
    print()


def _run_plans(queries, plans):
    for query in queries:
        # Server-side cursors (QuerySet.iterator()) arrive as DECLARE … CURSOR … FOR SELECT.
        sql = re.sub(r"^DECLARE .*? CURSOR .*?FOR (?=SELECT )", "", query["sql"], flags=re.S)
        sql = sql.strip()
        if not sql.startswith(("SELECT ", "WITH ")):
            plans.append((-1.0, sql, []))
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            lines = [line for (line,) in cursor.fetchall()]
        executed = re.search(r"Execution Time: ([0-9.]+) ms", lines[-1])
        plans.append((float(executed.group(1)) if executed else 0.0, sql, lines))
