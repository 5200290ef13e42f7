/**
 * Waiting until the Deno kernel has published what a cell displayed.
 *
 * The Deno kernel (2.9, `cli/js/jupyter_kernel.js` and `cli/ops/jupyter.rs`
 * in denoland/deno) runs a cell on one thread and its Jupyter sockets on
 * another. `Deno.jupyter.display()` and `console.log()` only put a message on
 * an in-process queue (`op_jupyter_broadcast` / `op_print`) and return; a loop
 * on the socket thread (`iopubDrainer`) signs and writes each queued message
 * in order. When the cell's code finishes, the socket thread sends
 * `execute_reply` and the `idle` status on its own, without waiting for that
 * loop, so under load `idle` can reach the client before the cell's last
 * output — and nbclient (`jupyter nbconvert --execute`) stops reading at
 * `idle`. No promise the cell can await resolves when a message is sent.
 *
 * So, after its output, {@linkcode outputPublished} subscribes to the
 * kernel's own IOPub socket (the connection file named on the kernel's
 * command line), queues a marker — a `comm_msg` to a comm that does not
 * exist, which Jupyter front ends ignore — and waits until the marker comes
 * back. The queue is published in order, so by then the output has been
 * written to every subscriber, before the cell can end and `idle` be sent.
 *
 * @module
 */

const ENC = new TextEncoder();
const DEC = new TextDecoder();
const DELIMITER = "<IDS|MSG>";
/**
 * How long to wait for the first marker before queueing another (the kernel
 * adds a subscriber asynchronously, so the first may go out before it does);
 * the wait doubles each time up to 50 ms.
 */
const FIRST_RETRY_MS = 2;
/** After this long without the marker, give up (and stop trying in this kernel). */
const DEADLINE_MS = 10_000;

/** Set once the marker cannot work here (not a Linux `deno jupyter` kernel, no TCP IOPub, ...). */
let unavailable = false;

/** The kernel's IOPub address, from the connection file on its command line. */
function iopubAddress(): { hostname: string; port: number } | undefined {
  try {
    const argv = Deno.readTextFileSync("/proc/self/cmdline").split("\0");
    const at = argv.indexOf("--conn");
    const file = at >= 0
      ? argv[at + 1]
      : argv.find((a) => a.startsWith("--conn="))?.slice("--conn=".length);
    if (!file) return undefined;
    const info = JSON.parse(Deno.readTextFileSync(file));
    if ((info.transport ?? "tcp") !== "tcp" || typeof info.iopub_port !== "number") {
      return undefined;
    }
    return { hostname: info.ip ?? "127.0.0.1", port: info.iopub_port };
  } catch {
    return undefined;
  }
}

function frame(body: Uint8Array, { more = false, command = false } = {}): Uint8Array {
  const long = body.length > 255;
  const head = long ? 9 : 2;
  const out = new Uint8Array(head + body.length);
  out[0] = (more ? 1 : 0) | (long ? 2 : 0) | (command ? 4 : 0);
  if (long) new DataView(out.buffer).setBigUint64(1, BigInt(body.length));
  else out[1] = body.length;
  out.set(body, head);
  return out;
}

/** ZMTP 3.0 greeting, NULL mechanism, as a client. */
function greeting(): Uint8Array {
  const g = new Uint8Array(64);
  g[0] = 0xff;
  g[9] = 0x7f;
  g[10] = 3;
  g.set(ENC.encode("NULL"), 12);
  return g;
}

function ready(socketType: string): Uint8Array {
  const name = ENC.encode("READY"), key = ENC.encode("Socket-Type"), value = ENC.encode(socketType);
  const body = new Uint8Array(1 + name.length + 1 + key.length + 4 + value.length);
  let o = 0;
  body[o++] = name.length;
  body.set(name, o);
  o += name.length;
  body[o++] = key.length;
  body.set(key, o);
  o += key.length;
  new DataView(body.buffer).setUint32(o, value.length);
  body.set(value, o + 4);
  return frame(body, { command: true });
}

/** Reads ZMTP frames from a connection. */
class Reader {
  #rest = new Uint8Array(0);
  constructor(private conn: Deno.Conn) {}

  async exact(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let have = Math.min(n, this.#rest.length);
    out.set(this.#rest.subarray(0, have));
    this.#rest = this.#rest.subarray(have);
    while (have < n) {
      const chunk = n - have >= 65536 ? out.subarray(have) : new Uint8Array(65536);
      const got = await this.conn.read(chunk);
      if (got === null) throw new Error("The kernel closed its IOPub connection");
      if (chunk.buffer === out.buffer) {
        have += got;
      } else {
        const take = Math.min(got, n - have);
        out.set(chunk.subarray(0, take), have);
        have += take;
        this.#rest = chunk.subarray(take, got);
      }
    }
    return out;
  }

  async frame(): Promise<{ body: Uint8Array; more: boolean; command: boolean }> {
    const flags = (await this.exact(1))[0]!;
    const size = flags & 2
      ? Number(new DataView((await this.exact(8)).buffer).getBigUint64(0))
      : (await this.exact(1))[0]!;
    return { body: await this.exact(size), more: (flags & 1) !== 0, command: (flags & 4) !== 0 };
  }

  /** The frames of the next message (commands skipped). */
  async message(): Promise<Uint8Array[]> {
    const frames: Uint8Array[] = [];
    for (;;) {
      const f = await this.frame();
      if (f.command) continue;
      frames.push(f.body);
      if (!f.more) return frames;
    }
  }
}

function isMarker(frames: Uint8Array[], commId: string): boolean {
  const d = frames.findIndex((f) => f.length === DELIMITER.length && DEC.decode(f) === DELIMITER);
  if (d < 0 || frames.length < d + 6) return false;
  try {
    if (JSON.parse(DEC.decode(frames[d + 2]))?.msg_type !== "comm_msg") return false;
    return JSON.parse(DEC.decode(frames[d + 5]))?.comm_id === commId;
  } catch {
    return false;
  }
}

/**
 * Resolves `true` once everything the cell queued before this call has been
 * published on the kernel's IOPub socket; `send(commId)` must queue a
 * `comm_msg` with that comm id (the caller owns `Deno.jupyter`). Resolves
 * `false`, at once from then on, where this cannot work; the caller then
 * falls back to yielding.
 */
export async function outputPublished(send: (commId: string) => void): Promise<boolean> {
  if (unavailable) return false;
  const address = iopubAddress();
  const ok = address !== undefined && await markerReturns(address, send);
  if (!ok) unavailable = true;
  return ok;
}

/**
 * Subscribes to the IOPub socket at `address`, queues markers with `send`
 * until one comes back, and resolves `true`; `false` if it cannot connect
 * or no marker is back within `deadlineMs`.
 */
export async function markerReturns(
  address: { hostname: string; port: number },
  send: (commId: string) => void,
  deadlineMs = DEADLINE_MS,
): Promise<boolean> {
  let conn: Deno.Conn;
  try {
    conn = await Deno.connect(address);
  } catch {
    return false;
  }
  const commId = `ll-flush-${crypto.randomUUID()}`;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<false>((resolve) => {
    deadline = setTimeout(() => resolve(false), deadlineMs);
  });
  let pause: ReturnType<typeof setTimeout> | undefined;
  let wait = FIRST_RETRY_MS;
  const retry = () =>
    new Promise<"retry">((resolve) => {
      pause = setTimeout(() => resolve("retry"), wait);
      wait = Math.min(2 * wait, 50);
    });
  try {
    const hello = [greeting(), ready("SUB"), frame(Uint8Array.of(1))]; // SUBSCRIBE to everything
    for (const bytes of hello) {
      for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
    }
    const reader = new Reader(conn);
    const handshake = (async () => {
      await reader.exact(64); // the kernel's greeting
      await reader.frame(); // its READY
    })();
    handshake.catch(() => {}); // a read cut short by close() below
    if (!(await Promise.race([handshake.then(() => true), expired]))) {
      throw new Error("No handshake");
    }
    const seen = (async () => {
      for (;;) if (isMarker(await reader.message(), commId)) return true as const;
    })();
    seen.catch(() => {}); // a read cut short by close() below
    for (;;) {
      send(commId);
      const outcome = await Promise.race([seen, expired, retry()]);
      if (outcome === "retry") continue;
      return outcome;
    }
  } catch {
    return false;
  } finally {
    clearTimeout(deadline);
    clearTimeout(pause);
    conn.close();
  }
}
