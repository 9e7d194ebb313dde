// Benchmark (e): a scripted Convex sync-protocol server that answers from memory, so that only the clients are
// measured. It speaks just enough of the protocol for the live benchmarks' functions: the mutations notes:create
// {title, content} → id and notes:update {id, title} → null, and the query notes:get {id} → the note or null. Every
// mutation commits at the next timestamp; the MutationResponse is followed by a Transition to the mutating socket and
// to every socket with a query whose result changed (the fan-out), as the backend does. No convex-test, no disk.
//
// node bench/npm/scripted-server.mjs  → prints {"event":"listening","url":"http://127.0.0.1:<port>"}; ends with stdin.
import { WebSocketServer } from "ws";

const notes = new Map();
let nextId = 0;
let ts = 1n;
const sockets = new Set();

function encodeTs(value) {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(value);
  return buffer.toString("base64");
}

function noteValue(id) {
  const note = notes.get(id);
  return note === undefined ? null : { _id: id, title: note.title, content: note.content };
}

function queryValue(query) {
  return query.udfPath === "notes:get" ? noteValue(query.args.id) : null;
}

class Connection {
  constructor(socket) {
    this.socket = socket;
    this.querySet = 0;
    this.identity = 0;
    this.ts = 0n;
    this.lastEnd = JSON.stringify(this.version());
    this.queries = new Map(); // queryId → { udfPath, args, json }
  }

  version() {
    return { querySet: this.querySet, identity: this.identity, ts: encodeTs(this.ts) };
  }

  /** Sends a Transition to the current timestamp with the given query ids' results (only changed ones when `onlyChanged`). */
  transition(queryIds, onlyChanged, force = false) {
    const modifications = [];
    for (const queryId of queryIds) {
      const query = this.queries.get(queryId);
      if (query === undefined) continue;
      const json = JSON.stringify(queryValue(query));
      if (onlyChanged && json === query.json) continue;
      query.json = json;
      modifications.push(`{"type":"QueryUpdated","queryId":${queryId},"value":${json},"logLines":[],"journal":null}`);
    }
    if (onlyChanged && modifications.length === 0 && !force) return;
    const start = this.lastEnd;
    this.ts = ts;
    const end = JSON.stringify(this.version());
    this.lastEnd = end;
    this.socket.send(
      `{"type":"Transition","startVersion":${start},"endVersion":${end},"modifications":[${modifications.join(",")}],"clientClockSkew":0,"serverTs":${Date.now()}}`,
    );
  }

  onMessage(text) {
    const message = JSON.parse(text);
    switch (message.type) {
      case "ModifyQuerySet": {
        this.querySet = message.newVersion;
        const added = [];
        for (const modification of message.modifications) {
          if (modification.type === "Add") {
            this.queries.set(modification.queryId, { udfPath: modification.udfPath, args: modification.args[0], json: undefined });
            added.push(modification.queryId);
          } else {
            this.queries.delete(modification.queryId);
          }
        }
        this.transition(added, false);
        break;
      }
      case "Authenticate":
        this.identity++;
        this.transition([], false);
        break;
      case "Mutation":
        this.onMutation(message);
        break;
      default:
        break; // Connect, Event, Action: nothing to answer.
    }
  }

  onMutation(message) {
    const args = message.args[0];
    let result = null;
    if (message.udfPath === "notes:create") {
      result = `note${nextId++}`;
      notes.set(result, { title: args.title, content: args.content });
    } else if (message.udfPath === "notes:update") {
      const note = notes.get(args.id);
      if (note !== undefined) note.title = args.title;
    }
    ts++;
    this.socket.send(
      `{"type":"MutationResponse","requestId":${message.requestId},"success":true,"result":${JSON.stringify(result)},"ts":"${encodeTs(ts)}","logLines":[]}`,
    );
    for (const connection of sockets) {
      if (connection === this) continue;
      connection.transition([...connection.queries.keys()], true);
    }
    // The mutating socket always hears of the new timestamp: its client resolves the mutation on it.
    this.transition([...this.queries.keys()], true, true);
  }
}

const server = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
server.on("connection", (socket) => {
  const connection = new Connection(socket);
  sockets.add(connection);
  socket.on("message", (data) => connection.onMessage(data.toString()));
  socket.on("close", () => sockets.delete(connection));
});
server.on("listening", () => {
  process.stdout.write(`${JSON.stringify({ event: "listening", url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
