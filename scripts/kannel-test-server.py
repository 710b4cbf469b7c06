#!/usr/bin/env python3
"""A throwaway Kannel for tests: bearerbox, smsbox and the fake SMSC of kannel-extras.

    kannel-test-server.py serve DIR    # what with-kannel.sh runs in the background
    kannel-test-server.py ctl DIR stop|start|stop-smsc|start-smsc|status

`serve` picks free loopback ports, writes DIR/kannel.conf, starts the three processes as its
own children (so it alone reaps them and knows what is running), writes DIR/env (shell
`export` lines) and then DIR/ready once a message sent to smsbox would reach the fake SMSC.
It runs until SIGTERM or SIGINT, or until its parent dies (a killed with-kannel.sh must not
leave Kannel behind), and then stops everything it started. It never touches the Debian
`kannel` service or /etc/kannel: every file is in DIR and every port is picked free.

`ctl` asks a running `serve` over DIR/ctl.sock and waits until the change is done:
  stop        stops smsbox and bearerbox (and so the fake SMSC): sendsms is refused, as when
              the gateway host is down; bearerbox keeps queued messages in DIR/kannel.store
  start       starts them again (the fake SMSC too, unless `stop-smsc` stopped it) and waits
              until sendsms works
  stop-smsc   stops only the fake SMSC: Kannel still answers 202 but queues the messages,
              as when the operator's SMSC is down
  start-smsc  starts it again; Kannel then delivers what it queued
  status      prints which processes run

The fake SMSC's log (TEREZE_FAKESMSC_LOG, DIR/fakesmsc-messages.log) has one line per
message it received, appended as it arrives:

    DESTINATION <TAB> TEXT

TEXT is UTF-8 with backslash, tab, CR and LF written as \\\\, \\t, \\r and \\n, so that one
message is always one line. fakesmsc itself prints each message as
`Got message N: <SENDER RECEIVER TYPE DATA>`: TYPE `text` has DATA verbatim (printable ASCII
only), `data` URL-encoded bytes (read as UTF-8), `ucs-2` URL-encoded UTF-16BE. A message
split in parts comes as `udh UDH data DATA` per part; Kannel's fake SMSC does not say the
coding of such parts, so they are read as UTF-16BE (Tereze always sends coding=2, UCS-2), and
the parts of one concatenated message (UDH element 0x00 or 0x08) are joined into one line
once all have arrived. fakesmsc's own output is kept in DIR/fakesmsc.log.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

BEARERBOX = "/usr/sbin/bearerbox"
SMSBOX = "/usr/sbin/smsbox"
FAKESMSC = "/usr/lib/kannel/test/fakesmsc"

USERNAME = "tereze"
ADMIN_PASSWORD = "tereze-admin"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
CTL_TIMEOUT_S = 90.0
MAX_CTL_LINE_BYTES = 256


def log(message):
    print(f"kannel-test-server: {message}", file=sys.stderr, flush=True)


class Error(Exception):
    pass


def free_ports(count):
    """Ports the kernel just handed out; all held at once so that they differ."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def port_accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def escape(text):
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r")
            .replace("\n", "\\n"))


def url_bytes(data):
    # Kannel's url-encoding writes a space as "+"; a real "+" is %2B.
    return urllib.parse.unquote_to_bytes(data.replace("+", " "))


class FakeSmscLog:
    """Turns fakesmsc's output into the one-message-per-line log described above."""

    LINE = re.compile(r"Got message \d+: <(.*)>$")
    MESSAGE = re.compile(r"^(.*?) (\S+) (text|data|ucs-2|udh) (.*)$", re.S)

    def __init__(self, path, raw_path):
        self.path = path
        self.raw_path = raw_path
        self.parts = {}  # (sender, receiver, ref, total) -> {seq: bytes}
        self.lock = threading.Lock()
        open(path, "a").close()

    def pump(self, stream):
        with open(self.raw_path, "ab") as raw:
            for line in iter(stream.readline, b""):
                raw.write(line)
                raw.flush()
                m = self.LINE.search(line.decode("utf-8", "replace").rstrip("\r\n"))
                if m:
                    self.message(m.group(1))

    def write(self, receiver, text):
        with self.lock, open(self.path, "a", encoding="utf-8") as out:
            out.write(f"{receiver}\t{escape(text)}\n")
            out.flush()

    def message(self, content):
        m = self.MESSAGE.match(content)
        if not m:
            log(f"fakesmsc line not understood: {content!r}")
            return
        sender, receiver, kind, data = m.groups()
        if kind == "text":
            self.write(receiver, data)
        elif kind == "data":
            self.write(receiver, url_bytes(data).decode("utf-8", "replace"))
        elif kind == "ucs-2":
            self.write(receiver, url_bytes(data).decode("utf-16-be", "replace"))
        else:
            fields = data.split(" ", 2)
            if len(fields) != 3:
                log(f"fakesmsc udh line not understood: {content!r}")
                return
            self.part(sender, receiver, url_bytes(fields[0]), url_bytes(fields[2]))

    def part(self, sender, receiver, udh, payload):
        concat = None  # (ref, total, seq)
        i = 1
        while i + 1 < len(udh):
            iei, length = udh[i], udh[i + 1]
            ie = udh[i + 2:i + 2 + length]
            if iei == 0x00 and length == 3:
                concat = (ie[0], ie[1], ie[2])
            elif iei == 0x08 and length == 4:
                concat = ((ie[0] << 8) | ie[1], ie[2], ie[3])
            i += 2 + length
        if concat is None:
            self.write(receiver, payload.decode("utf-16-be", "replace"))
            return
        ref, total, seq = concat
        key = (sender, receiver, ref, total)
        parts = self.parts.setdefault(key, {})
        parts[seq] = payload
        if len(parts) == total:
            del self.parts[key]
            joined = b"".join(parts[k] for k in sorted(parts))
            self.write(receiver, joined.decode("utf-16-be", "replace"))


class Kannel:
    def __init__(self, directory):
        self.dir = directory
        self.procs = {}
        self.smsc_wanted = True
        self.lock = threading.Lock()
        self.messages = FakeSmscLog(os.path.join(directory, "fakesmsc-messages.log"),
                                    os.path.join(directory, "fakesmsc.log"))
        self.password = os.urandom(8).hex()

    def path(self, name):
        return os.path.join(self.dir, name)

    def write_config(self):
        self.admin_port, self.box_port, self.smsc_port, self.sendsms_port = free_ports(4)
        d = self.dir
        config = f"""# Generated by scripts/kannel-test-server.py for one test run; loopback only.
group = core
admin-port = {self.admin_port}
admin-interface = 127.0.0.1
admin-password = {ADMIN_PASSWORD}
admin-allow-ip = "127.0.0.1"
smsbox-port = {self.box_port}
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-file = "{d}/bearerbox.log"
log-level = 1
access-log = "{d}/bearerbox-access.log"
# Queued messages survive a stop and start of bearerbox (a test checks exactly-once).
store-type = file
store-location = "{d}/kannel.store"
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = {self.smsc_port}
connect-allow-ip = "127.0.0.1"

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.box_port}
sendsms-port = {self.sendsms_port}
sendsms-interface = 127.0.0.1
log-file = "{d}/smsbox.log"
log-level = 1
access-log = "{d}/smsbox-access.log"

group = sendsms-user
username = {USERNAME}
password = {self.password}
# Long texts are split in parts; Tereze caps its texts well below this.
concatenation = true
max-messages = 10
"""
        with open(self.path("kannel.conf"), "w") as f:
            f.write(config)

    def status_text(self):
        url = (f"http://127.0.0.1:{self.admin_port}/status.txt?"
               f"password={ADMIN_PASSWORD}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read().decode("utf-8", "replace")
        except OSError:
            return None

    def running(self, name):
        p = self.procs.get(name)
        return p is not None and p.poll() is None

    def spawn(self, name, argv, pipe=False):
        out = open(self.path(f"{name}.out"), "ab")
        try:
            p = subprocess.Popen(argv, cwd=self.dir, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE if pipe else out,
                                 stderr=subprocess.STDOUT)
        finally:
            out.close()
        self.procs[name] = p
        return p

    def wait_for(self, what, ready, needed):
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if ready():
                return
            for name in needed:
                if not self.running(name):
                    raise Error(f"{name} exited while waiting for {what} (see {self.dir})")
            time.sleep(0.1)
        raise Error(f"timed out waiting for {what}")

    def start_bearerbox(self):
        if self.running("bearerbox"):
            return
        self.spawn("bearerbox", [BEARERBOX, "-v", "1", self.path("kannel.conf")])
        self.wait_for("bearerbox's status page", lambda: self.status_text() is not None,
                      ["bearerbox"])

    def smsc_online(self):
        text = self.status_text() or ""
        return re.search(r"fake\[fake\].*\(online", text) is not None

    def start_fakesmsc(self):
        if self.running("fakesmsc"):
            return
        # -m 0: send no messages of its own; the message argument is required but unused.
        p = self.spawn("fakesmsc", [FAKESMSC, "-H", "127.0.0.1", "-r", str(self.smsc_port),
                                    "-m", "0", "0 0 text unused"], pipe=True)
        threading.Thread(target=self.messages.pump, args=(p.stdout,), daemon=True).start()
        self.wait_for("the fake SMSC to be online", self.smsc_online,
                      ["bearerbox", "fakesmsc"])

    def smsbox_ready(self):
        text = self.status_text() or ""
        return "smsbox:" in text and port_accepts(self.sendsms_port)

    def start_smsbox(self):
        if self.running("smsbox"):
            return
        self.spawn("smsbox", [SMSBOX, "-v", "1", self.path("kannel.conf")])
        self.wait_for("smsbox", self.smsbox_ready, ["bearerbox", "smsbox"])

    def start(self):
        self.start_bearerbox()
        if self.smsc_wanted:
            self.start_fakesmsc()
        self.start_smsbox()

    def first_start(self):
        # A port free a moment ago may be taken before bearerbox binds it: new ports, again.
        for attempt in range(5):
            self.write_config()
            try:
                self.start()
                return
            except Error as e:
                log(f"start attempt {attempt + 1} failed: {e}")
                self.stop()
        raise Error("Kannel did not start; see the logs in " + self.dir)

    def stop_process(self, name, sig=signal.SIGTERM):
        p = self.procs.get(name)
        if p is None:
            return
        if p.poll() is None:
            p.send_signal(sig)
            try:
                p.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop in {STOP_TIMEOUT_S} s; killing it")
                p.kill()
                p.wait()
        del self.procs[name]

    def stop(self):
        # bearerbox first: on SIGTERM it tells smsbox to die and closes the fake SMSC's
        # connection, and it writes its message store before exiting.
        self.stop_process("bearerbox")
        for name in ("smsbox", "fakesmsc"):
            p = self.procs.get(name)
            if p is not None:
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    pass
            self.stop_process(name)

    def control(self, command):
        with self.lock:
            if command == "stop":
                self.stop()
            elif command == "start":
                self.start()
            elif command == "stop-smsc":
                self.smsc_wanted = False
                self.stop_process("fakesmsc")
            elif command == "start-smsc":
                self.smsc_wanted = True
                if self.running("bearerbox"):
                    self.start_fakesmsc()
            elif command == "status":
                return " ".join(f"{n}={'up' if self.running(n) else 'down'}"
                                for n in ("bearerbox", "smsbox", "fakesmsc"))
            else:
                raise Error(f"unknown command {command!r}")
            return "done"

    def write_env(self, ctl_script):
        env = {
            "TEREZE_KANNEL_SENDSMS_URL": f"http://127.0.0.1:{self.sendsms_port}/cgi-bin/sendsms",
            "TEREZE_KANNEL_USER": USERNAME,
            "TEREZE_KANNEL_PASSWORD": self.password,
            "TEREZE_FAKESMSC_LOG": self.messages.path,
            "TEREZE_KANNEL_CTL": ctl_script,
            "TEREZE_KANNEL_STATUS_URL":
                f"http://127.0.0.1:{self.admin_port}/status.txt?password={ADMIN_PASSWORD}",
        }
        with open(self.path("env.tmp"), "w") as f:
            for k, v in env.items():
                f.write(f"export {k}='{v}'\n")
        os.replace(self.path("env.tmp"), self.path("env"))


def serve_control(kannel, server):
    while True:
        conn, _ = server.accept()
        with conn:
            try:
                conn.settimeout(10)
                data = b""
                while not data.endswith(b"\n") and len(data) < MAX_CTL_LINE_BYTES:
                    chunk = conn.recv(MAX_CTL_LINE_BYTES)
                    if not chunk:
                        break
                    data += chunk
                command = data.decode("ascii", "replace").strip()
                conn.settimeout(None)
                try:
                    reply = "ok " + kannel.control(command)
                except Error as e:
                    reply = f"error {e}"
                log(f"ctl {command}: {reply}")
                conn.sendall((reply + "\n").encode())
            except OSError as e:
                log(f"control connection: {e}")


def serve(directory):
    parent = os.getppid()
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stopping.set())

    kannel = Kannel(directory)
    orphaned = False
    try:
        kannel.first_start()
        ctl_script = os.path.join(directory, "kannel-ctl")
        here = os.path.abspath(__file__)
        with open(ctl_script, "w") as f:
            f.write(f'#!/bin/sh\nexec python3 "{here}" ctl "{directory}" "$@"\n')
        os.chmod(ctl_script, 0o755)

        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(os.path.join(directory, "ctl.sock"))
        server.listen(4)
        threading.Thread(target=serve_control, args=(kannel, server), daemon=True).start()

        kannel.write_env(ctl_script)
        open(os.path.join(directory, "ready"), "w").close()
        log(f"ready: sendsms on 127.0.0.1:{kannel.sendsms_port}, files in {directory}")
        while not stopping.wait(0.5):
            if os.getppid() != parent:
                log("parent is gone; stopping")
                orphaned = True
                break
    except Error as e:
        log(f"error: {e}")
        return 1
    finally:
        with kannel.lock:
            kannel.stop()
        log("stopped")
        if orphaned:
            # Nobody is left to remove the directory (with-kannel.sh was killed outright).
            shutil.rmtree(directory, ignore_errors=True)
    return 0


def ctl(directory, command):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(CTL_TIMEOUT_S)
    try:
        s.connect(os.path.join(directory, "ctl.sock"))
        s.sendall((command + "\n").encode())
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    except OSError as e:
        print(f"kannel-ctl: {e}", file=sys.stderr)
        return 1
    finally:
        s.close()
    text = reply.decode("utf-8", "replace").strip()
    print(text)
    return 0 if text.startswith("ok") else 1


def main(argv):
    if len(argv) == 3 and argv[1] == "serve":
        return serve(os.path.abspath(argv[2]))
    if len(argv) == 4 and argv[1] == "ctl":
        return ctl(os.path.abspath(argv[2]), argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
