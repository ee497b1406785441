# Drives one golgi (or GoNB) kernel with jupyter_client for golgi's kernel
# tests. Reads a JSON script on stdin: a list of steps
#   {"op": "execute", "code": "...", "timeout": s}
#   {"op": "execute_async", "code": "..."}    (send, do not wait)
#   {"op": "execute_stdin", "code": "...", "value": "..."} (answer one input request)
#   {"op": "wait_text", "text": "started"}   (until the async cell prints it)
#   {"op": "sleep", "s": 2}
#   {"op": "interrupt"}
#   {"op": "collect", "timeout": s}           (wait for the last async cell)
#   {"op": "heartbeat", "s": 2}             (after s seconds: is it beating?)
#   {"op": "restart"}
#   {"op": "shutdown", "now": false}
# and prints one JSON line per execute/collect: {"status", "outputs", "blocks"};
# an execute's line also has the client's clock (time.time(), s): "t_send" when
# the request was sent, "t_first" when the first stream output came (0: none),
# "t_idle" when the cell's status idle came.
import json
import sys
import time

from jupyter_client import KernelManager


def collect(kc, msg_id, timeout, outputs=None, blocks=None, until=None):
    """Gathers the outputs of msg_id until its status idle (then waits for
    its reply), or, when until is given, only until a stream contains it."""
    outputs = [] if outputs is None else outputs
    blocks = [] if blocks is None else blocks
    deadline = time.time() + timeout
    t_first = t_idle = 0.0
    while True:
        if until is not None and until in "".join(o.get("text", "") for o in outputs):
            return None
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t, c = msg["msg_type"], msg["content"]
        if t == "status" and c["execution_state"] == "idle":
            t_idle = time.time()
            break
        if t == "stream":
            if not t_first:
                t_first = time.time()
            outputs.append({"type": t, "name": c["name"], "text": c["text"]})
        elif t == "error":
            outputs.append({"type": t, "ename": c["ename"], "evalue": c["evalue"]})
        elif t in ("display_data", "execute_result"):
            data = c.get("data", {})
            if "application/vnd.golgi.repro+json" in data:
                blocks.append(data["application/vnd.golgi.repro+json"])
            else:
                outputs.append({"type": t, "text": data.get("text/plain", ""), "html": data.get("text/html", "")})
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return {"status": reply["content"]["status"], "outputs": outputs, "blocks": blocks, "t_first": t_first, "t_idle": t_idle}


def main():
    kernel = sys.argv[1]
    steps = json.load(sys.stdin)
    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    print(json.dumps({"op": "started", "pid": km.provisioner.process.pid}), flush=True)
    pending = None
    try:
        for st in steps:
            op = st["op"]
            if op == "execute":
                t_send = time.time()
                mid = kc.execute(st["code"])
                r = collect(kc, mid, st.get("timeout", 120))
                r["op"] = op
                r["t_send"] = t_send
                print(json.dumps(r), flush=True)
            elif op == "execute_stdin":
                # A cell that asks for input: answer the input_request that
                # arrives on the stdin channel.
                mid = kc.execute(st["code"], allow_stdin=True)
                req = kc.get_stdin_msg(timeout=st.get("timeout", 120))
                kc.input(st["value"])
                r = collect(kc, mid, st.get("timeout", 120))
                r["op"] = "execute"
                r["prompt"] = req["content"].get("prompt", "")
                print(json.dumps(r), flush=True)
            elif op == "execute_async":
                pending = kc.execute(st["code"])
                early_out, early_blocks = [], []
            elif op == "wait_text":
                collect(kc, pending, st.get("timeout", 120), early_out, early_blocks, until=st["text"])
            elif op == "collect":
                r = collect(kc, pending, st.get("timeout", 120), early_out, early_blocks)
                r["op"] = op
                print(json.dumps(r), flush=True)
            elif op == "sleep":
                time.sleep(st["s"])
            elif op == "heartbeat":
                # jupyter_client calls a kernel dead after 1 s without an
                # answer; on a loaded machine one ping may be late, so look
                # up to 5 times.
                time.sleep(st.get("s", 0))
                beating = False
                for _ in range(5):
                    if kc.hb_channel.is_beating():
                        beating = True
                        break
                    time.sleep(1)
                print(json.dumps({"op": "heartbeat", "status": "beating" if beating else "silent"}), flush=True)
            elif op == "interrupt":
                km.interrupt_kernel()
            elif op == "restart":
                km.restart_kernel(now=False)
                kc.wait_for_ready(timeout=120)
                print(json.dumps({"op": "restarted", "pid": km.provisioner.process.pid}), flush=True)
            elif op == "shutdown":
                kc.stop_channels()
                km.shutdown_kernel(now=st.get("now", False))
                print(json.dumps({"op": "shutdown"}), flush=True)
                return
    finally:
        if km.is_alive():
            kc.stop_channels()
            km.shutdown_kernel(now=True)


main()
