// show()'s wait for the Deno kernel to publish an output, against a stand-in
// for the kernel's IOPub socket that speaks ZMTP 3.0 as the Deno kernel
// (2.9, cli/js/jupyter_kernel.js `PubSocket`) does: greeting, READY, one
// subscription message, then every published message to every subscriber.
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { markerReturns, outputPublished } from "../lib/plot/_iopub_flush.ts";

const enc = new TextEncoder();

function zmtpFrame(body: Uint8Array, more: boolean, command = false): Uint8Array {
  const long = body.length > 255;
  const out = new Uint8Array((long ? 9 : 2) + body.length);
  out[0] = (more ? 1 : 0) | (long ? 2 : 0) | (command ? 4 : 0);
  if (long) new DataView(out.buffer).setUint32(5, body.length);
  else out[1] = body.length;
  out.set(body, long ? 9 : 2);
  return out;
}

async function readExact(conn: Deno.Conn, n: number): Promise<Uint8Array> {
  const buf = new Uint8Array(n);
  for (let at = 0; at < n;) {
    const got = await conn.read(buf.subarray(at));
    if (got === null) throw new Error("closed");
    at += got;
  }
  return buf;
}

async function readFrame(conn: Deno.Conn): Promise<boolean> {
  const flags = (await readExact(conn, 1))[0]!;
  const size = flags & 2
    ? new DataView((await readExact(conn, 8)).buffer).getUint32(4)
    : (await readExact(conn, 1))[0]!;
  await readExact(conn, size);
  return (flags & 1) !== 0;
}

/** A Jupyter message as the kernel frames it on IOPub. */
function message(msgType: string, content: unknown): Uint8Array[] {
  return [
    "<IDS|MSG>",
    "",
    JSON.stringify({ msg_type: msgType }),
    "{}",
    "{}",
    JSON.stringify(content),
  ]
    .map((s) => enc.encode(s));
}

/**
 * A stand-in IOPub socket. `publish()` writes a message to every subscriber
 * admitted so far; subscribers are admitted only after their subscription
 * arrives, as in the Deno kernel.
 */
function fakeIopub() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const done = (async () => {
    for await (const conn of listener) {
      (async () => {
        const greeting = new Uint8Array(64);
        greeting[0] = 0xff;
        greeting[9] = 0x7f;
        greeting[10] = 3;
        await conn.write(greeting);
        await readExact(conn, 64);
        await conn.write(zmtpFrame(enc.encode("\x05READY"), false, true));
        await readFrame(conn); // READY
        while (await readFrame(conn)); // the subscription
        conns.add(conn);
        while (await readFrame(conn).catch(() => null) !== null);
        conns.delete(conn);
        conn.close();
      })().catch(() => conns.delete(conn));
    }
  })();
  return {
    address: { hostname: "127.0.0.1", port: (listener.addr as Deno.NetAddr).port },
    subscribers: () => conns.size,
    async publish(frames: Uint8Array[]) {
      const bytes = frames.map((f, k) => zmtpFrame(f, k < frames.length - 1));
      for (const conn of conns) {
        for (const b of bytes) {
          for (let at = 0; at < b.length;) at += await conn.write(b.subarray(at));
        }
      }
    },
    async close() {
      listener.close();
      await done;
      for (const c of conns) c.close();
    },
  };
}

Deno.test("markerReturns() resolves once a marker queued after a large output comes back", async () => {
  const iopub = fakeIopub();
  const queued: string[] = [];
  const published: string[] = [];
  try {
    const big = { data: { "text/html": "x".repeat(300_000) } }; // long ZMTP frames
    const ok1 = await markerReturns(iopub.address, (commId) => {
      queued.push(commId);
      // The kernel publishes the queue in order: first the output, then the marker.
      (async () => {
        await iopub.publish(message("display_data", big));
        published.push("display_data");
        await iopub.publish(message("comm_msg", { comm_id: "someone-else", data: {} }));
        await iopub.publish(message("comm_msg", { comm_id: commId, data: {} }));
        published.push(commId);
      })();
    });
    strictEqual(ok1, true);
    ok(queued.length >= 1);
    ok(new Set(queued).size === 1, "every marker of one call has the same comm id");
    deepStrictEqual(published.slice(0, 1), ["display_data"]);
  } finally {
    await iopub.close();
  }
});

Deno.test("markerReturns() queues the marker again when the first went out before it subscribed", async () => {
  const iopub = fakeIopub();
  let sent = 0;
  try {
    const returned = await markerReturns(iopub.address, (commId) => {
      sent++;
      // Published only from the second marker on: the first is lost, as one
      // published before the kernel admitted the subscriber would be.
      if (sent >= 2) iopub.publish(message("comm_msg", { comm_id: commId, data: {} }));
    });
    strictEqual(returned, true);
    ok(sent >= 2, `sent ${sent}`);
  } finally {
    await iopub.close();
  }
});

Deno.test("markerReturns() gives up at its deadline when no marker comes back, and when nothing listens", async () => {
  const iopub = fakeIopub();
  try {
    strictEqual(await markerReturns(iopub.address, () => {}, 300), false);
  } finally {
    await iopub.close();
  }
  strictEqual(await markerReturns(iopub.address, () => {}, 300), false);
});

Deno.test("outputPublished() resolves false at once outside a Jupyter kernel", async () => {
  let sent = 0;
  strictEqual(await outputPublished(() => sent++), false);
  strictEqual(sent, 0);
});
