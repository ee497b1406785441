# Executes a notebook with nbclient, cell by cell, and always writes the
# result. Part of golgi (kernel/nbrun); run by golgi with Debian's python3.
# argv: IN OUT KERNEL TIMEOUT_S CWD HTML_OR_EMPTY
# stdout: one JSON object {"executed": n, "failure": {...} or null}
import json
import math
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def main():
    src, dst, kernel, timeout, cwd, html = sys.argv[1:7]
    nb = nbformat.read(src, as_version=4)
    limit = max(1, int(math.ceil(float(timeout))))
    client = NotebookClient(nb, timeout=limit, kernel_name=kernel,
                            allow_errors=False, interrupt_on_timeout=True,
                            resources={"metadata": {"path": cwd}})
    failure = None
    executed = 0
    # Each execute_request tells the golgi kernel which notebook and which
    # cell (1-based position, markdown cells counted) it runs, for its
    # reproducibility block: {"golgi": {"notebook": path, "cell": n}}.
    where = {}
    try:
        with client.setup_kernel():
            session = client.kc.session
            plain_msg = session.msg

            def msg(msg_type, content=None, parent=None, header=None, metadata=None):
                m = plain_msg(msg_type, content, parent, header, metadata)
                if msg_type == "execute_request" and where:
                    m["metadata"] = dict(m.get("metadata") or {}, golgi=dict(where))
                return m

            session.msg = msg
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                where.update(notebook=src, cell=index + 1)
                started = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                    executed += 1
                except CellExecutionError as e:
                    executed += 1
                    failure = {"index": index, "kind": "error", "ename": getattr(e, "ename", ""),
                               "evalue": getattr(e, "evalue", ""), "message": str(e)[-2000:]}
                    if time.monotonic() - started >= limit:
                        # nbclient interrupted the cell at its timeout: the
                        # error is the interrupt's.
                        failure.update(kind="timeout", ename="Timeout",
                                       evalue="cell did not finish within %s s and was interrupted" % limit)
                    break
                except CellTimeoutError as e:
                    failure = {"index": index, "kind": "timeout", "ename": "CellTimeoutError",
                               "evalue": "cell did not finish within %s s" % timeout, "message": str(e)[-2000:]}
                    break
                except DeadKernelError as e:
                    failure = {"index": index, "kind": "dead kernel", "ename": "DeadKernelError",
                               "evalue": str(e)[-500:], "message": str(e)[-2000:]}
                    break
    except Exception as e:  # kernel could not start, etc.
        failure = {"index": -1, "kind": "kernel", "ename": type(e).__name__, "evalue": str(e)[-1000:], "message": str(e)[-2000:]}
    nbformat.write(nb, dst)
    if html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter(template_name="classic").from_notebook_node(nb)
        with open(html, "w", encoding="utf-8") as f:
            f.write(body)
    json.dump({"executed": executed, "failure": failure}, sys.stdout)


main()
