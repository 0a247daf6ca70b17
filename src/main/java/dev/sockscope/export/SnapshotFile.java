package dev.sockscope.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a snapshot saved by {@code sockscope --list --json}: one JSON array of socket objects
 * with the keys of DESIGN.md ("Snapshot fields"). A file of repeated snapshots ({@code --count},
 * JSON Lines of {@code {"time": ..., "sockets": [...]}}) is accepted too; its last snapshot is
 * used. Read with jackson-core's streaming parser, so a large file is never held as a tree.
 *
 * <p>Needed keys: {@code proto}, {@code family}, {@code localAddress}, {@code remoteAddress},
 * {@code state}, and for inet sockets {@code localPort} and {@code remotePort}. Holders come from
 * {@code holders}, else from {@code pid}/{@code process}/{@code command}. Other keys (service
 * names, port class, keys added later) are skipped. Anything else wrong — not JSON, a missing or
 * unknown value, a port out of range — is a {@link SnapshotFileException} naming the file, the
 * socket's number and what was wrong.
 */
public final class SnapshotFile {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /**
     * @param rows the sockets of the (last) snapshot
     * @param time its {@code time} value as written, or null for a single {@code --list --json} array
     */
    public record Saved(List<SocketRow> rows, String time) {
        public Saved {
            rows = List.copyOf(rows);
        }
    }

    private final String name;
    private int socketNumber;

    private SnapshotFile(String name) {
        this.name = name;
    }

    /** Reads {@code file}; its name as given appears in every error. */
    public static Saved read(Path file) throws SnapshotFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new SnapshotFileException(file + ": no such file");
        } catch (IOException e) {
            throw new SnapshotFileException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads a snapshot from a stream; {@code name} names it in errors. */
    public static Saved read(InputStream in, String name) throws SnapshotFileException, IOException {
        SnapshotFile f = new SnapshotFile(name);
        try (JsonParser p = FACTORY.createParser(in)) {
            return f.parse(p);
        } catch (JsonParseException e) {
            throw new SnapshotFileException(name + ": not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    private Saved parse(JsonParser p) throws IOException, SnapshotFileException {
        Saved last = null;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            socketNumber = 0;
            if (t == JsonToken.START_ARRAY) {
                last = new Saved(readSockets(p), null);
            } else if (t == JsonToken.START_OBJECT) {
                last = readTimed(p);
            } else {
                throw fail("line " + p.currentLocation().getLineNr()
                        + ": expected an array of sockets (--list --json) or {\"time\",\"sockets\"} objects (--count)");
            }
        }
        if (last == null) {
            throw new SnapshotFileException(name + ": empty: no snapshot in it");
        }
        return last;
    }

    private Saved readTimed(JsonParser p) throws IOException, SnapshotFileException {
        int line = p.currentLocation().getLineNr();
        String time = null;
        List<SocketRow> rows = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (key.equals("sockets") && v == JsonToken.START_ARRAY) {
                rows = readSockets(p);
            } else if (key.equals("time") && v.isScalarValue()) {
                time = p.getText();
            } else {
                p.skipChildren();
            }
        }
        if (rows == null) {
            throw fail("line " + line + ": an object without a \"sockets\" array");
        }
        return new Saved(rows, time);
    }

    private List<SocketRow> readSockets(JsonParser p) throws IOException, SnapshotFileException {
        List<SocketRow> rows = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            socketNumber++;
            if (t == null) {
                throw fail("ends in the middle of a snapshot");
            }
            if (t != JsonToken.START_OBJECT) {
                throw failSocket("is not an object");
            }
            rows.add(readSocket(p));
        }
        return rows;
    }

    private SocketRow readSocket(JsonParser p) throws IOException, SnapshotFileException {
        String proto = null;
        String family = null;
        String localAddress = null;
        String remoteAddress = null;
        String state = null;
        Long localPort = null;
        Long remotePort = null;
        Long pid = null;
        String process = null;
        String command = null;
        String user = null;
        Long uid = null;
        Long inode = null;
        Long recvQ = null;
        Long sendQ = null;
        List<Holder> holders = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "proto":
                    proto = text(p, v, key);
                    break;
                case "family":
                    family = text(p, v, key);
                    break;
                case "localAddress":
                    localAddress = text(p, v, key);
                    break;
                case "remoteAddress":
                    remoteAddress = text(p, v, key);
                    break;
                case "state":
                    state = text(p, v, key);
                    break;
                case "localPort":
                    localPort = number(p, v, key);
                    break;
                case "remotePort":
                    remotePort = number(p, v, key);
                    break;
                case "pid":
                    pid = number(p, v, key);
                    break;
                case "process":
                    process = text(p, v, key);
                    break;
                case "command":
                    command = text(p, v, key);
                    break;
                case "user":
                    user = text(p, v, key);
                    break;
                case "uid":
                    uid = number(p, v, key);
                    break;
                case "inode":
                    inode = number(p, v, key);
                    break;
                case "recvQ":
                    recvQ = number(p, v, key);
                    break;
                case "sendQ":
                    sendQ = number(p, v, key);
                    break;
                case "holders":
                    holders = v == JsonToken.VALUE_NULL ? null : readHolders(p, v);
                    break;
                default:
                    p.skipChildren();
            }
        }
        Proto pr = proto(need(proto, "proto"));
        Family fa = family(need(family, "family"));
        State st = State.parse(need(state, "state"));
        if (st == null) {
            throw failSocket("has an unknown state \"" + state + "\"");
        }
        int lp = SocketEntry.NO_PORT;
        int rp = SocketEntry.NO_PORT;
        if (pr != Proto.UNIX) {
            lp = port(need(localPort, "localPort"), "localPort");
            rp = port(need(remotePort, "remotePort"), "remotePort");
        }
        Address la = address(need(localAddress, "localAddress"), fa, "localAddress");
        Address ra = address(need(remoteAddress, "remoteAddress"), fa, "remoteAddress");
        SocketEntry e;
        try {
            e = new SocketEntry(
                    pr,
                    fa,
                    la,
                    lp,
                    ra,
                    rp,
                    st,
                    counter(inode, "inode"),
                    (int) counter(uid, "uid"),
                    counter(recvQ, "recvQ"),
                    counter(sendQ, "sendQ"));
        } catch (IllegalArgumentException ex) {
            throw failSocket("is not a valid socket: " + ex.getMessage());
        }
        if (holders == null) {
            holders = new ArrayList<>(1);
            if (pid != null) {
                holders.add(holder(pid, process, command, user));
            }
        }
        return new SocketRow(e, holders, user);
    }

    /** A unix row's path, or an inet row's address, which must be numeric text. */
    private Address address(String text, Family family, String key) throws SnapshotFileException {
        if (family == Family.UNIX) {
            return Address.path(text);
        }
        Address a = Address.parse(text);
        if (a == null) {
            throw failSocket("has a " + key + " \"" + text + "\" that is not an IP address");
        }
        return a;
    }

    private List<Holder> readHolders(JsonParser p, JsonToken v) throws IOException, SnapshotFileException {
        if (v != JsonToken.START_ARRAY) {
            throw failSocket("has \"holders\" that is not an array");
        }
        List<Holder> holders = new ArrayList<>(1);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw fail("ends in the middle of a snapshot");
            }
            if (t != JsonToken.START_OBJECT) {
                throw failSocket("has a holder that is not an object");
            }
            Long pid = null;
            String process = null;
            String command = null;
            String user = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken hv = p.nextToken();
                switch (key) {
                    case "pid":
                        pid = number(p, hv, "holders.pid");
                        break;
                    case "process":
                        process = text(p, hv, "holders.process");
                        break;
                    case "command":
                        command = text(p, hv, "holders.command");
                        break;
                    case "user":
                        user = text(p, hv, "holders.user");
                        break;
                    default:
                        p.skipChildren();
                }
            }
            holders.add(holder(need(pid, "holders.pid"), process, command, user));
        }
        return holders;
    }

    private Holder holder(long pid, String process, String command, String user) throws SnapshotFileException {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw failSocket("has a holder with pid " + pid);
        }
        return new Holder((int) pid, process, command, SocketEntry.UNKNOWN, user);
    }

    private String text(JsonParser p, JsonToken v, String key) throws IOException, SnapshotFileException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            p.skipChildren();
            throw failSocket("has \"" + key + "\" that is not a string");
        }
        return p.getText();
    }

    private Long number(JsonParser p, JsonToken v, String key) throws IOException, SnapshotFileException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            p.skipChildren();
            throw failSocket("has \"" + key + "\" that is not a whole number");
        }
        return p.getLongValue();
    }

    private <T> T need(T value, String key) throws SnapshotFileException {
        if (value == null) {
            throw failSocket("has no \"" + key + "\"");
        }
        return value;
    }

    private int port(long v, String key) throws SnapshotFileException {
        if (v < 0 || v > 65535) {
            throw failSocket("has \"" + key + "\" " + v + ", not a port (0-65535)");
        }
        return (int) v;
    }

    private long counter(Long v, String key) throws SnapshotFileException {
        if (v == null) {
            return SocketEntry.UNKNOWN;
        }
        if (v < 0 || (key.equals("uid") && v > Integer.MAX_VALUE)) {
            throw failSocket("has \"" + key + "\" " + v + ", out of range");
        }
        return v;
    }

    private Proto proto(String s) throws SnapshotFileException {
        for (Proto p : Proto.values()) {
            if (p.label().equals(s)) {
                return p;
            }
        }
        throw failSocket("has an unknown proto \"" + s + "\"");
    }

    private Family family(String s) throws SnapshotFileException {
        for (Family f : Family.values()) {
            if (f.label().equals(s)) {
                return f;
            }
        }
        throw failSocket("has an unknown family \"" + s + "\"");
    }

    private SnapshotFileException failSocket(String what) {
        return new SnapshotFileException(name + ": socket " + socketNumber + " " + what);
    }

    private SnapshotFileException fail(String what) {
        return new SnapshotFileException(name + ": " + what);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
